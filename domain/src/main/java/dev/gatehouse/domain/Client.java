package dev.gatehouse.domain;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A registered client application (RFC 6749 section 2.1). A public client (a browser or mobile app) cannot keep
 * a secret and authenticates with its id alone; a confidential one (a server) proves itself with a secret, of
 * which only the hash is known, or with an assertion signed by one of its registered keys ({@code private_key_jwt}).
 * Only first-party clients, the applications of whoever runs Gatehouse, may use the password grant: it hands them
 * the user's password (RFC 9700 section 2.4). A confidential client may also be a resource server allowed to
 * introspect tokens (RFC 7662); a public one may not, as it could not prove who asks.
 *
 * <p>The registration also says which grants the client may use ({@link #defaultGrantTypes(boolean)} unless
 * given), which scopes it may obtain (any the user may hold when not limited), which resource servers its tokens
 * may be for (RFC 8707), and where it may be sent back after sign-in (exact redirect URIs).
 */
public record Client(ClientId id, Type type, Optional<ClientSecretHash> secretHash, boolean firstParty, boolean introspects,
                     Set<GrantType> grantTypes, Optional<Set<Scope>> scopes, List<Audience> audiences,
                     List<RedirectUri> redirectUris, Optional<ClientKeys> keys, List<RedirectUri> postLogoutRedirectUris) {

    /** Whether the client can keep a secret. */
    public enum Type { PUBLIC, CONFIDENTIAL }

    public Client {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(keys, "keys");
        grantTypes = Objects.requireNonNull(grantTypes, "grantTypes").isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(grantTypes));
        scopes = Objects.requireNonNull(scopes, "scopes").map(Set::copyOf);
        audiences = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(audiences, "audiences")));
        redirectUris = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(redirectUris, "redirectUris")));
        postLogoutRedirectUris = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(postLogoutRedirectUris,
                "postLogoutRedirectUris")));
        boolean provable = secretHash.isPresent() || keys.isPresent();
        if ((type == Type.CONFIDENTIAL) != provable) {
            throw new IllegalArgumentException("a confidential client has a secret or a key set, a public one neither: " + id);
        }
        if (introspects && type != Type.CONFIDENTIAL) {
            throw new IllegalArgumentException("only a confidential client may introspect tokens: " + id);
        }
        if (grantTypes.contains(GrantType.PASSWORD) && !firstParty) {
            throw new IllegalArgumentException("only a first-party client may use the password grant (RFC 9700): " + id);
        }
        if (grantTypes.contains(GrantType.CLIENT_CREDENTIALS) && type != Type.CONFIDENTIAL) {
            throw new IllegalArgumentException("only a confidential client may use the client credentials grant: " + id);
        }
    }

    /** A client registered with no page to return to after logout (the safe default: the logout page stays here). */
    public Client(ClientId id, Type type, Optional<ClientSecretHash> secretHash, boolean firstParty, boolean introspects,
                  Set<GrantType> grantTypes, Optional<Set<Scope>> scopes, List<Audience> audiences,
                  List<RedirectUri> redirectUris, Optional<ClientKeys> keys) {
        this(id, type, secretHash, firstParty, introspects, grantTypes, scopes, audiences, redirectUris, keys, List.of());
    }

    /** A client with the default grants, no limit on scopes, no audience, redirect URI or key set of its own. */
    public Client(ClientId id, Type type, Optional<ClientSecretHash> secretHash, boolean firstParty, boolean introspects) {
        this(id, type, secretHash, firstParty, introspects, defaultGrantTypes(firstParty), Optional.empty(), List.of(), List.of(),
                Optional.empty());
    }

    /** A client that does not introspect tokens. */
    public Client(ClientId id, Type type, Optional<ClientSecretHash> secretHash, boolean firstParty) {
        this(id, type, secretHash, firstParty, false);
    }

    public static Client publicClient(ClientId id, boolean firstParty) {
        return new Client(id, Type.PUBLIC, Optional.empty(), firstParty);
    }

    public static Client confidential(ClientId id, ClientSecretHash secretHash, boolean firstParty) {
        return new Client(id, Type.CONFIDENTIAL, Optional.of(secretHash), firstParty);
    }

    /** A confidential client that proves itself with assertions signed by these keys ({@code private_key_jwt}). */
    public static Client confidential(ClientId id, ClientKeys keys, boolean firstParty) {
        return new Client(id, Type.CONFIDENTIAL, Optional.empty(), firstParty, false, defaultGrantTypes(firstParty),
                Optional.empty(), List.of(), List.of(), Optional.of(keys));
    }

    /**
     * The grants a client may use when its registration names none, today's behaviour: a first-party client the
     * password grant, and every client a refresh and the authorization code flow (which needs a redirect URI
     * registered). The client credentials grant, a token with no user behind it, is never given by default.
     */
    public static Set<GrantType> defaultGrantTypes(boolean firstParty) {
        return firstParty
                ? Set.of(GrantType.PASSWORD, GrantType.REFRESH_TOKEN, GrantType.AUTHORIZATION_CODE)
                : Set.of(GrantType.REFRESH_TOKEN, GrantType.AUTHORIZATION_CODE);
    }

    /**
     * Whether a request with this secret (or none) comes from this client: a confidential client must send its
     * secret, a public one must send none (a secret it sends was never issued, so something is wrong). A client
     * registered with keys only has no secret to send, so a secret never authenticates it.
     */
    public boolean authenticates(Optional<String> presentedSecret) {
        Objects.requireNonNull(presentedSecret, "presentedSecret");
        return switch (type) {
            case PUBLIC -> presentedSecret.isEmpty();
            case CONFIDENTIAL -> presentedSecret.filter(secret -> secretHash.filter(hash -> hash.matches(secret)).isPresent())
                    .isPresent();
        };
    }

    /** The same client, allowed to introspect tokens (a resource server); it must be confidential. */
    public Client allowedToIntrospect() {
        return new Client(id, type, secretHash, firstParty, true, grantTypes, scopes, audiences, redirectUris, keys, postLogoutRedirectUris);
    }

    /** The same client, allowed exactly these grants. */
    public Client withGrantTypes(Collection<GrantType> allowed) {
        return new Client(id, type, secretHash, firstParty, introspects, Set.copyOf(allowed), scopes, audiences, redirectUris, keys, postLogoutRedirectUris);
    }

    /** The same client, limited to these scopes. */
    public Client withScopes(Collection<Scope> allowed) {
        return new Client(id, type, secretHash, firstParty, introspects, grantTypes, Optional.of(Set.copyOf(allowed)), audiences,
                redirectUris, keys, postLogoutRedirectUris);
    }

    /** The same client, whose tokens may be for these resource servers. */
    public Client withAudiences(Collection<Audience> allowed) {
        return new Client(id, type, secretHash, firstParty, introspects, grantTypes, scopes, List.copyOf(allowed), redirectUris, keys,
                postLogoutRedirectUris);
    }

    /** The same client, with these redirect URIs registered. */
    public Client withRedirectUris(Collection<RedirectUri> registered) {
        return new Client(id, type, secretHash, firstParty, introspects, grantTypes, scopes, audiences, List.copyOf(registered), keys,
                postLogoutRedirectUris);
    }

    /** The same client, confidential and proving itself with assertions signed by these keys too. */
    public Client withKeys(ClientKeys registered) {
        return new Client(id, Type.CONFIDENTIAL, secretHash, firstParty, introspects, grantTypes, scopes, audiences, redirectUris,
                Optional.of(registered), postLogoutRedirectUris);
    }

    /**
     * The same client, which may send a person back to exactly these pages after logging them out (OpenID Connect
     * RP-Initiated Logout 1.0, {@code post_logout_redirect_uri}).
     */
    public Client withPostLogoutRedirectUris(Collection<RedirectUri> registered) {
        return new Client(id, type, secretHash, firstParty, introspects, grantTypes, scopes, audiences, redirectUris, keys,
                List.copyOf(registered));
    }

    /**
     * Whether a person logged out through this client may be sent to {@code presented}: only a page registered for it,
     * the very same string (no loopback leniency: a logout has no native-app port to allow for).
     */
    public boolean returnsAfterLogoutTo(RedirectUri presented) {
        Objects.requireNonNull(presented, "presented");
        return postLogoutRedirectUris.stream().anyMatch(registered -> registered.value().equals(presented.value()));
    }

    /** Whether the client may ask whether a token is active (RFC 7662). */
    public boolean mayIntrospect() {
        return introspects;
    }

    /** Whether the client may obtain tokens with this grant. */
    public boolean mayUse(GrantType grant) {
        return grantTypes.contains(grant);
    }

    /** The password grant is for first-party clients only, and only those allowed it. */
    public boolean mayUsePasswordGrant() {
        return mayUse(GrantType.PASSWORD);
    }

    /** Whether this redirect URI is one registered for the client (exactly, or a loopback one on another port). */
    public boolean redirects(RedirectUri presented) {
        return redirectUris.stream().anyMatch(registered -> registered.matches(presented));
    }

    /** Whether the client's tokens may be for this resource server (RFC 8707). */
    public boolean mayAddress(Audience resource) {
        return audiences.contains(resource);
    }

    /** Whether the client may hold this scope: always when its scopes are not limited. */
    public boolean mayHold(Scope scope) {
        return scopes.map(allowed -> allowed.contains(scope)).orElse(true);
    }

    /** The requested scopes the client may hold, in the order asked. */
    public Set<Scope> allowedOf(Collection<Scope> requested) {
        return requested.stream().filter(this::mayHold).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether the client may authenticate with an assertion signed by a registered key ({@code private_key_jwt}). */
    public boolean hasKeys() {
        return keys.isPresent();
    }
}
