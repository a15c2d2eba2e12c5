package dev.gatehouse.domain;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One OAuth2 scope token (RFC 6749 section 3.3): printable ASCII except space, quote and backslash. */
public record Scope(String value) {

    public static final int MAX_LENGTH = 128;
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    public Scope {
        Objects.requireNonNull(value, "scope must not be null");
        if (value.length() > MAX_LENGTH || !SCOPE_TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("scope '" + value.replaceAll("[^\\x20-\\x7E]", "?") + "' is not a valid scope token");
        }
    }

    /** Parses a space-separated scope list as sent in an OAuth2 {@code scope} parameter; blank means none. */
    public static Set<Scope> parseList(String spaceSeparated) {
        if (spaceSeparated == null || spaceSeparated.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(spaceSeparated.trim().split(" +"))
                .map(Scope::new)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The space-separated form used in tokens and responses, sorted. */
    public static String format(Set<Scope> scopes) {
        // Sorted: the same grant always reads the same, in the token and in the token response.
        return scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return value;
    }
}
