package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Issues access tokens and checks the ones clients present. The lifetime is the adapter's configuration;
 * time comes from its {@link java.time.Clock}. Every adapter passes {@code AccessTokensContract}.
 */
public interface AccessTokens {

    /**
     * A token for the user, carrying the granted scopes, the user's security version (a later version
     * invalidates it), the session it belongs to and the client application it was issued to, if any (RFC 9068's
     * {@code client_id}), and, when the client asked for one with a resource indicator (RFC 8707), the resource server
     * it is for: then that resource alone joins this service's own audience in {@code aud}, instead of every audience
     * registered for the client.
     */
    AccessToken issue(User user, Set<Scope> scopes, SessionId session, Optional<ClientId> client, Optional<Audience> resource);

    /** A token for the client's usual audiences, for no resource server in particular. */
    default AccessToken issue(User user, Set<Scope> scopes, SessionId session, Optional<ClientId> client) {
        return issue(user, scopes, session, client, Optional.empty());
    }

    /** A token issued to no particular client application. */
    default AccessToken issue(User user, Set<Scope> scopes, SessionId session) {
        return issue(user, scopes, session, Optional.empty());
    }

    /**
     * A token about the client itself, with no user behind it (the client credentials grant): its subject is the
     * client. {@link #verify} never accepts it, so nothing that serves a user can be reached with it.
     */
    AccessToken issueForClient(ClientId client, Set<Scope> scopes, Optional<Audience> resource);

    /** A token about the client, for its usual audiences. */
    default AccessToken issueForClient(ClientId client, Set<Scope> scopes) {
        return issueForClient(client, scopes, Optional.empty());
    }

    /** The claims of a genuine, unexpired token issued by this service to a user; empty for anything else. */
    Optional<AccessTokenClaims> verify(String token);

    /** The claims of a genuine, unexpired token issued by {@link #issueForClient}; empty for anything else. */
    Optional<ClientTokenClaims> verifyClientToken(String token);

    /**
     * The latest moment at which a token issued no later than {@code issuedBy} can still pass {@link #verify}
     * (its lifetime and any clock skew tolerated): how long a revoked session must stay on the revoked list.
     */
    Instant acceptedAtMostUntil(Instant issuedBy);
}
