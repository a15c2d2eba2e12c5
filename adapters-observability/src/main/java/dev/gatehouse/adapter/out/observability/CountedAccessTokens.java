package dev.gatehouse.adapter.out.observability;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.ClientTokenClaims;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Counts issued tokens and verifications by result. See {@link GatehouseMeters#counted}. */
final class CountedAccessTokens implements AccessTokens {

    private final AccessTokens delegate;
    private final Counter issued;
    private final Counter valid;
    private final Counter invalid;

    CountedAccessTokens(AccessTokens delegate, GatehouseMeters meters) {
        this.delegate = delegate;
        this.issued = meters.counter(GatehouseMeters.TOKENS_ISSUED, "Access tokens issued");
        this.valid = verifications(meters, "valid");
        this.invalid = verifications(meters, "invalid");
    }

    @Override
    public AccessToken issue(User user, Set<Scope> scopes, SessionId session, Optional<ClientId> client,
                             Optional<Audience> resource) {
        AccessToken token = delegate.issue(user, scopes, session, client, resource);
        issued.increment();
        return token;
    }

    @Override
    public AccessToken issueForClient(ClientId client, Set<Scope> scopes, Optional<Audience> resource) {
        AccessToken token = delegate.issueForClient(client, scopes, resource);
        issued.increment();
        return token;
    }

    @Override
    public Optional<ClientTokenClaims> verifyClientToken(String token) {
        // Not a verification of a bearer: introspection and revocation try it after a user's token did not verify.
        return delegate.verifyClientToken(token);
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        Optional<AccessTokenClaims> claims = delegate.verify(token);
        (claims.isPresent() ? valid : invalid).increment();
        return claims;
    }

    @Override
    public Instant acceptedAtMostUntil(Instant issuedBy) {
        return delegate.acceptedAtMostUntil(issuedBy);
    }

    private static Counter verifications(GatehouseMeters meters, String result) {
        return meters.counter(GatehouseMeters.TOKEN_VERIFICATIONS, "Access tokens presented, by result",
                Tag.of("result", result));
    }
}
