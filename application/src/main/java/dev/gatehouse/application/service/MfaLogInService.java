package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.MfaLogInCommand;
import dev.gatehouse.application.port.in.MfaLogInUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.MfaChallenge;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The second step of the password grant ({@code urn:gatehouse:params:oauth:grant-type:mfa-otp}). The client must
 * authenticate as at the first step and be the one the challenge was issued to; the challenge must be unexpired and
 * the account unchanged since (same security version, still active); then the code goes through
 * {@link SecondFactorCheck} (throttled per account, each code once), and only then is the challenge used up, by a
 * conditional delete, so it completes one login. The session is the one the password grant would have started: the
 * scopes asked for at the first step as the account's roles allow them, a refresh token, a known-device credential.
 */
public final class MfaLogInService implements MfaLogInUseCase {

    private final ClientAuthentication clientAuthentication;
    private final MfaChallenges challenges;
    private final UserRepository users;
    private final SecondFactorCheck secondFactor;
    private final SessionIssuer sessions;
    private final KnownDevices knownDevices;
    private final ScopePolicy scopes;
    private final AuditLog audit;
    private final Clock clock;

    MfaLogInService(ClientAuthentication clientAuthentication, MfaChallenges challenges, UserRepository users,
                    SecondFactorCheck secondFactor, SessionIssuer sessions, KnownDevices knownDevices, ScopePolicy scopes,
                    AuditLog audit, Clock clock) {
        this.clientAuthentication = clientAuthentication;
        this.challenges = challenges;
        this.users = users;
        this.secondFactor = secondFactor;
        this.sessions = sessions;
        this.knownDevices = knownDevices;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public LogInResult complete(MfaLogInCommand command) {
        ClientAuthentication.Verdict verdict = clientAuthentication.authenticate(command.clientCredentials(), command.client());
        switch (verdict) {
            case ClientAuthentication.Refused refused -> {
                return new LogInResult.InvalidClient();
            }
            case ClientAuthentication.Authenticated(var client) when !client.mayUsePasswordGrant() -> {
                clientAuthentication.record(AuditEvent.Type.UNAUTHORIZED_CLIENT, command.clientCredentials(), command.client());
                return new LogInResult.UnauthorizedClient();
            }
            case ClientAuthentication.Authenticated authenticated -> {
                // a first-party client: on to the challenge
            }
            case ClientAuthentication.NotRequired notRequired -> {
                // no clients registered
            }
        }
        Instant now = clock.instant();
        String hash = SecretTokens.sha256Hex(command.mfaToken());
        Optional<MfaChallenge> challenge = challenges.find(hash)
                .filter(found -> !found.isExpiredAt(now))
                .filter(found -> found.client().equals(ClientAuthentication.clientOf(verdict)));
        Optional<User> user = challenge.flatMap(found -> users.findById(found.user()))
                .filter(User::isActive)
                .filter(found -> found.securityVersion() == challenge.get().securityVersion());
        if (user.isEmpty()) {
            return new LogInResult.InvalidMfaToken();
        }
        switch (secondFactor.check(user.get(), command.otp(), command.recoveryCode(), command.client())) {
            case SecondFactorCheck.Passed passed -> {
                // on below
            }
            case SecondFactorCheck.Wrong wrong -> {
                return new LogInResult.InvalidCredentials();
            }
            case SecondFactorCheck.Throttled(var retryAfter) -> {
                return new LogInResult.Throttled(retryAfter);
            }
            case SecondFactorCheck.NotEnrolled notEnrolled -> {
                // Removed since the password was checked (by its owner or an administrator): start again.
                return new LogInResult.InvalidMfaToken();
            }
        }
        if (!challenges.consume(hash, now)) {
            return new LogInResult.InvalidMfaToken();
        }
        User current = user.get();
        Set<Scope> granted = scopes.grant(current, challenge.get().scopes());
        if (verdict instanceof ClientAuthentication.Authenticated(var client)) {
            granted = client.allowedOf(granted);
        }
        SessionIssuer.Issued session = sessions.start(current, granted, ClientAuthentication.clientOf(verdict),
                challenge.get().resource());
        audit.record(new AuditEvent(AuditEvent.Type.LOGIN_SUCCEEDED, current.username().value(), command.client(), now));
        return new LogInResult.LoggedIn(session.accessToken(), session.refreshToken(), knownDevices.enrol(current));
    }
}
