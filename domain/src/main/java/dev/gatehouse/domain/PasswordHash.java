package dev.gatehouse.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A password hash in its self-describing encoded form (PHC string such as {@code $argon2id$v=19$m=...}),
 * which names the algorithm and parameters so a hasher can tell when it must be upgraded. One scheme is reserved:
 * {@code $directory$<entry>} holds no hash at all but says that an external directory keeps this account's password,
 * under that {@link DirectoryEntry} (as OpenLDAP's {@code {SASL}} scheme passes a bind through), so that a store
 * keeps such accounts as it keeps every other.
 */
public record PasswordHash(String encoded) {

    public static final int MAX_LENGTH = 512;
    private static final String DIRECTORY_SCHEME = "directory";
    private static final String DIRECTORY = "$" + DIRECTORY_SCHEME + "$";

    public PasswordHash {
        Objects.requireNonNull(encoded, "password hash must not be null");
        if (!encoded.startsWith("$") || encoded.length() > MAX_LENGTH || encoded.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("password hash must be an encoded ($algorithm$...) string");
        }
        if (algorithmOf(encoded).equals(DIRECTORY_SCHEME)) {
            entryOf(encoded); // the reserved scheme: a valid entry, or no such hash
        }
    }

    /** The account's password is kept by an external directory, under {@code entry}. */
    public static PasswordHash inDirectory(DirectoryEntry entry) {
        return new PasswordHash(DIRECTORY + Objects.requireNonNull(entry, "entry").name());
    }

    /** The directory entry whose password this account uses; empty for an ordinary hash that a hasher checks. */
    public Optional<DirectoryEntry> directoryEntry() {
        return encoded.startsWith(DIRECTORY) ? Optional.of(entryOf(encoded)) : Optional.empty();
    }

    private static DirectoryEntry entryOf(String encoded) {
        if (!encoded.startsWith(DIRECTORY)) {
            throw new IllegalArgumentException("a directory password hash is $directory$<entry>");
        }
        return new DirectoryEntry(encoded.substring(DIRECTORY.length()));
    }

    /** The algorithm identifier, e.g. {@code argon2id}. */
    public String algorithm() {
        return algorithmOf(encoded);
    }

    private static String algorithmOf(String encoded) {
        int end = encoded.indexOf('$', 1);
        return end < 0 ? encoded.substring(1) : encoded.substring(1, end);
    }

    @Override
    public String toString() {
        return "PasswordHash[" + algorithm() + ", redacted]";
    }
}
