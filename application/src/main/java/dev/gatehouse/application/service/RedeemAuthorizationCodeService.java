package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RedeemAuthorizationCodeCommand;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeResult;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.application.port.out.IdTokenClaims;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.AuthorizationCode;
import dev.gatehouse.domain.AuthorizationCodeHash;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.StandardClaims;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Exchanges an authorization code at the token endpoint (RFC 6749 section 4.1.3, RFC 7636 section 4.6). The client
 * authenticates as at the password grant (a public one by its id alone) and must be allowed the grant; the code must
 * be known, unexpired, issued to this client for exactly this redirect URI, and the verifier must hash to its
 * challenge; its user must still be enabled at the security version they signed in with. Any failure is one
 * {@code invalid_grant}. The session is started first and the code then redeemed by a conditional write: of several
 * concurrent exchanges exactly one keeps its tokens, and a code that comes back after its redemption ends the session
 * it started (RFC 6749 section 4.1.2: it was stolen, or the client is confused). A code granted {@code openid}
 * also gets an OpenID Connect ID token.
 */
public final class RedeemAuthorizationCodeService implements RedeemAuthorizationCodeUseCase {

    /** What {@link CodeIssuer} hands out: 256 bits in unpadded base64url. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ClientAuthentication clientAuthentication;
    private final AuthorizationCodes codes;
    private final UserRepository users;
    private final SessionIssuer sessions;
    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final AccessTokens accessTokens;
    private final AuditLog audit;
    private final IdTokens idTokens;
    private final Clock clock;
    private final BrowserSessionRegistry browserSessions;

    RedeemAuthorizationCodeService(ClientAuthentication clientAuthentication, AuthorizationCodes codes, UserRepository users,
                                   SessionIssuer sessions, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                                   AccessTokens accessTokens, AuditLog audit, IdTokens idTokens, Clock clock,
                                   BrowserSessionRegistry browserSessions) {
        this.browserSessions = browserSessions;
        this.clientAuthentication = clientAuthentication;
        this.codes = codes;
        this.users = users;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.idTokens = idTokens;
        this.clock = clock;
    }

    @Override
    public RedeemAuthorizationCodeResult redeem(RedeemAuthorizationCodeCommand command) {
        Client client;
        switch (clientAuthentication.authenticate(command.clientCredentials(), command.client())) {
            case ClientAuthentication.Authenticated(Client authenticated) -> client = authenticated;
            // Without registered clients there are no redirect URIs, so no code was ever issued.
            case ClientAuthentication.NotRequired notRequired -> {
                return new RedeemAuthorizationCodeResult.InvalidClient();
            }
            case ClientAuthentication.Refused refused -> {
                return new RedeemAuthorizationCodeResult.InvalidClient();
            }
        }
        if (!client.mayUse(GrantType.AUTHORIZATION_CODE)) {
            clientAuthentication.record(AuditEvent.Type.UNAUTHORIZED_CLIENT, command.clientCredentials(), command.client());
            return new RedeemAuthorizationCodeResult.UnauthorizedClient();
        }
        Instant now = clock.instant();
        Optional<AuthorizationCode> found = CODE.matcher(command.code()).matches()
                ? codes.find(CodeIssuer.hashOf(command.code())) : Optional.empty();
        if (found.isEmpty()) {
            return refused(client, command.client(), now);
        }
        AuthorizationCode code = found.get();
        if (code.isRedeemed()) {
            endSessionOf(code, command.client(), now);
            return new RedeemAuthorizationCodeResult.InvalidGrant();
        }
        if (!code.client().equals(client.id())) {
            return refused(client, command.client(), now);
        }
        if (code.isExpiredAt(now)) {
            return refused(client, command.client(), now);
        }
        if (!code.redirectUri().equals(command.redirectUri())) {
            return refused(client, command.client(), now);
        }
        if (!code.challenge().isVerifiedBy(command.codeVerifier())) {
            return refused(client, command.client(), now);
        }
        Optional<User> user = users.findById(code.user())
                .filter(current -> !current.isDisabled() && current.securityVersion() == code.securityVersion());
        if (user.isEmpty()) {
            return refused(client, command.client(), now);
        }
        SessionIssuer.Issued issued = sessions.start(user.get(), code.scopes(), Optional.of(client.id()));
        if (!codes.redeem(code.hash(), issued.session(), now)) {
            // Another exchange of the same code won meanwhile: this one's session never reaches anyone, and the code
            // came back twice, so the winner's session ends too.
            revoke(issued.session(), now);
            codes.find(code.hash()).ifPresent(redeemed -> endSessionOf(redeemed, command.client(), now));
            return new RedeemAuthorizationCodeResult.InvalidGrant();
        }
        if (code.browserSession().isPresent()) {
            // Attached first, then checked: a logout racing this exchange either finds the session attached and
            // revokes it, or has ended the browser session before this check, which then refuses it.
            browserSessions.attach(issued.session(), new BrowserSessionRegistry.Origin(code.browserSession().get(),
                    code.authTime()));
            if (browserSessions.hasEnded(code.browserSession().get())) {
                revoke(issued.session(), now);
                return new RedeemAuthorizationCodeResult.InvalidGrant();
            }
        }
        audit.record(new AuditEvent(AuditEvent.Type.AUTHORIZATION_CODE_REDEEMED, user.get().username().value(),
                command.client(), now));
        // OpenID Connect Core section 3.1.3.3: an ID token for the client, about the person who signed in, when, and
        // with the nonce the client bound to its request.
        Optional<String> idToken = code.scopes().contains(StandardClaims.OPENID)
                ? idTokens.issue(new IdTokenClaims(StandardClaims.of(user.get(), code.scopes()), client.id(), code.authTime(),
                        code.nonce(), code.browserSession()), issued.accessToken())
                : Optional.empty();
        return new RedeemAuthorizationCodeResult.Redeemed(issued.accessToken(), issued.refreshToken(), idToken);
    }

    private RedeemAuthorizationCodeResult refused(Client client, ClientAddress from, Instant now) {
        audit.record(new AuditEvent(AuditEvent.Type.AUTHORIZATION_CODE_REFUSED, client.id().value(), from, now));
        return new RedeemAuthorizationCodeResult.InvalidGrant();
    }

    private void endSessionOf(AuthorizationCode code, ClientAddress from, Instant now) {
        code.session().ifPresent(session -> revoke(session, now));
        audit.record(new AuditEvent(AuditEvent.Type.AUTHORIZATION_CODE_REPLAYED, code.client().value(), from, now));
    }

    private void revoke(SessionId session, Instant now) {
        revokedAccessTokens.revokeSession(session, accessTokens.acceptedAtMostUntil(now));
        refreshTokens.revoke(session, now);
    }
}
