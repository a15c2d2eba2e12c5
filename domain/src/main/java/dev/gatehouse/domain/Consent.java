package dev.gatehouse.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a person allowed a (third-party) client application to do on their behalf: the scopes they agreed to, when
 * they last agreed to more. One consent per user and client; a later agreement adds scopes to it, never removes any.
 * The scopes are kept sorted, so two consents to the same scopes are equal whatever order they were asked in.
 */
public record Consent(UserId user, ClientId client, Set<Scope> scopes, Instant grantedAt) {

    public Consent {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(grantedAt, "grantedAt");
        TreeSet<Scope> sorted = new TreeSet<>(java.util.Comparator.comparing(Scope::value));
        sorted.addAll(Objects.requireNonNull(scopes, "scopes"));
        scopes = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(sorted));
    }

    /** Whether every one of {@code asked} was agreed to already. */
    public boolean covers(Collection<Scope> asked) {
        return scopes.containsAll(asked);
    }

    /** The same consent, agreeing also to {@code more}, as of {@code at}. */
    public Consent alsoAllowing(Collection<Scope> more, Instant at) {
        Set<Scope> union = new java.util.LinkedHashSet<>(scopes);
        union.addAll(more);
        return new Consent(user, client, union, at);
    }
}
