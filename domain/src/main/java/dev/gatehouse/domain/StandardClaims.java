package dev.gatehouse.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What OpenID Connect tells a relying party about a user (OpenID Connect Core 1.0 section 5.1), by the scopes the
 * person granted: always {@code sub} (the account's stable id, never reassigned, unlike a username); with
 * {@code profile} the username as {@code preferred_username} and the full name as {@code name}, when there is one;
 * with {@code email} the address and whether it was verified. The ID token and the userinfo endpoint say the same.
 */
public record StandardClaims(String subject, Optional<String> preferredUsername, Optional<String> name,
                             Optional<String> email, Optional<Boolean> emailVerified) {

    /** The scope that makes an authorization request an OpenID Connect one (an ID token, userinfo). */
    public static final Scope OPENID = new Scope("openid");
    /** The scope of {@code preferred_username} and {@code name}. */
    public static final Scope PROFILE = new Scope("profile");
    /** The scope of {@code email} and {@code email_verified}. */
    public static final Scope EMAIL = new Scope("email");
    /** Every OpenID Connect scope this server knows. */
    public static final Set<Scope> SCOPES = Set.of(OPENID, PROFILE, EMAIL);

    public StandardClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(preferredUsername, "preferredUsername");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(emailVerified, "emailVerified");
    }

    /** The claims {@code scopes} release about {@code user}. */
    public static StandardClaims of(User user, Set<Scope> scopes) {
        boolean profile = scopes.contains(PROFILE);
        boolean email = scopes.contains(EMAIL) && user.email().isPresent();
        return new StandardClaims(subjectOf(user),
                profile ? Optional.of(user.username().value()) : Optional.empty(),
                profile ? user.fullName().map(FullName::value) : Optional.empty(),
                email ? user.email().map(EmailAddress::value) : Optional.empty(),
                email ? Optional.of(emailVerified(user)) : Optional.empty());
    }

    /** The {@code sub} of a user: the account's id, which a later account of the same name never shares. */
    public static String subjectOf(User user) {
        return user.id().value().toString();
    }

    /**
     * Whether the user's address is known to be theirs: proven through a verification link (never, while email
     * verification is off, so no address is then claimed verified).
     */
    static boolean emailVerified(User user) {
        return user.isEmailVerified();
    }
}
