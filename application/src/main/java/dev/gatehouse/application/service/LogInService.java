package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Set;

/**
 * Checks a username and password and starts a session (an access token and a refresh token), with the
 * controls the password grant needs:
 * <ul>
 *   <li>when client applications are registered, the request's client must authenticate and be a first-party one,
 *       checked before anything about the user, so a refused client learns nothing and costs no hashing;</li>
 *   <li>one failure outcome for unknown user, wrong password and disabled account, each costing exactly one
 *       password verification (an unknown user is checked against a hash nobody can match); for an account whose
 *       password an external directory keeps, that one verification is the directory's bind (so its timing is the
 *       directory's), and the hasher is not asked;</li>
 *   <li>backoff per account name, verified one attempt at a time, and a failure budget per client address, charged
 *       before any hashing (see {@link AttemptBudgets}), so a burst of parallel guesses gets no more verifications
 *       than one guess after another; a throttled attempt costs no hashing work (it only waits as long as a
 *       failed attempt would take, so its timing matches) and does not lengthen the block; a known device is held to
 *       its own backoff only, so guessing cannot lock the owner out;</li>
 *   <li>a fresh hash stored after a successful login whose hash is outdated (legacy algorithm or old costs), never
 *       for a password the directory keeps;</li>
 *   <li>an audit event for every outcome;</li>
 *   <li>for an account with an active second factor, no session on the password alone: a short-lived, single-use
 *       {@code mfa_token} ({@link MfaChallengeIssuer}) that {@link MfaLogInService} completes with a code.</li>
 * </ul>
 * All but the first are {@link PasswordCheck}'s, which the sign-in page of the authorization code flow shares, so a
 * password typed there meets exactly the same controls.
 */
public final class LogInService implements LogInUseCase {

    private final PasswordCheck passwordCheck;
    private final SessionIssuer sessions;
    private final ClientAuthentication clientAuthentication;
    private final ScopePolicy scopes;
    private final MfaChallengeIssuer mfaChallenges;
    private final EmailVerificationMode verification;
    private final AuditLog audit;
    private final SecondFactorPolicy secondFactor;

    public LogInService(UserRepository users, PasswordHasher hasher, PasswordDirectory directory, AccessTokens accessTokens,
                        RefreshTokens refreshTokens, LoginThrottle throttle, KnownDevices knownDevices, AuditLog audit,
                        LoginProtection protection, ScopePolicy scopes, ClientRegistry clients, Clock clock) {
        this(new PasswordCheck(users, hasher, directory, throttle, knownDevices, audit, protection, clock),
                new SessionIssuer(refreshTokens, accessTokens, clock), new ClientAuthentication(clients, audit, clock), scopes,
                new MfaChallengeIssuer(TwoFactorCredentials.none(), MfaChallenges.none(), audit, clock),
                EmailVerificationMode.OFF, audit, SecondFactorPolicy.none());
    }

    /**
     * With the password check and session issuer other use cases share (the sign-in page's, the code exchange's), the
     * challenges of accounts with a second factor, and email verification {@code verification}: when it is required,
     * an account with an unproven address gets no token; and {@code secondFactor}: an account without a second factor
     * that asks for scopes only a role needing one grants gets no token, and is told to enrol.
     */
    LogInService(PasswordCheck passwordCheck, SessionIssuer sessions, ClientAuthentication clientAuthentication,
                 ScopePolicy scopes, MfaChallengeIssuer mfaChallenges, EmailVerificationMode verification, AuditLog audit,
                 SecondFactorPolicy secondFactor) {
        this.secondFactor = secondFactor;
        this.mfaChallenges = mfaChallenges;
        this.passwordCheck = passwordCheck;
        this.sessions = sessions;
        this.clientAuthentication = clientAuthentication;
        this.scopes = scopes;
        this.verification = verification;
        this.audit = audit;
    }

    @Override
    public LogInResult logIn(LogInCommand command) {
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
                // a first-party client: on to the user's credentials
            }
            case ClientAuthentication.NotRequired notRequired -> {
                // no clients registered: the tutorial's behaviour
            }
        }
        // Before anything about the user: a resource the client may not address costs no hashing (RFC 8707).
        if (command.resource().isPresent() && !(verdict instanceof ClientAuthentication.Authenticated(var client)
                && client.mayAddress(command.resource().get()))) {
            clientAuthentication.record(AuditEvent.Type.UNAUTHORIZED_CLIENT, command.clientCredentials(), command.client());
            return new LogInResult.InvalidTarget();
        }
        return switch (passwordCheck.check(command)) {
            case PasswordCheck.Passed passed when verification == EmailVerificationMode.REQUIRED && !passed.user().isEmailVerified() -> {
                // Only after the password was verified: a guesser learns nothing a wrong password would not tell.
                audit.record(new AuditEvent(AuditEvent.Type.LOGIN_EMAIL_NOT_VERIFIED, passed.user().username().value(),
                        command.client(), passed.attemptedAt()));
                yield new LogInResult.EmailNotVerified();
            }
            case PasswordCheck.Passed passed -> {
                User current = passed.user();
                // The user's scopes that were asked for, and of those only the ones the client is registered for.
                Set<Scope> granted = scopes.grant(current, command.requestedScopes());
                if (verdict instanceof ClientAuthentication.Authenticated(var client)) {
                    granted = client.allowedOf(granted);
                }
                // An account with a second factor gets a challenge instead of a session: no token on the password alone.
                var challenge = mfaChallenges.challengeIfEnrolled(current, granted, ClientAuthentication.clientOf(verdict),
                        command.resource(), command.client());
                if (challenge.isPresent()) {
                    yield new LogInResult.MfaRequired(challenge.get().mfaToken(), challenge.get().expiresIn());
                }
                // Only after the right password: a guesser learns nothing a wrong password would not tell.
                if (!secondFactor.withheld(current, granted).isEmpty()) {
                    audit.record(new AuditEvent(AuditEvent.Type.SECOND_FACTOR_REQUIRED, current.username().value(),
                            command.client(), passed.attemptedAt()));
                    yield new LogInResult.MfaEnrollmentRequired();
                }
                SessionIssuer.Issued session = sessions.start(current, granted, ClientAuthentication.clientOf(verdict),
                        command.resource());
                passwordCheck.recordSuccess(command, passed);
                yield new LogInResult.LoggedIn(session.accessToken(), session.refreshToken(), passed.knownDevice());
            }
            case PasswordCheck.Failed failed -> new LogInResult.InvalidCredentials();
            case PasswordCheck.Throttled(var retryAfter) -> new LogInResult.Throttled(retryAfter);
            case PasswordCheck.Overloaded(var retryAfter) -> new LogInResult.Overloaded(retryAfter);
        };
    }
}
