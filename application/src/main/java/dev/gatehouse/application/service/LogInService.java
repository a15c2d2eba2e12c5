package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.BindOutcome;
import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
 *   <li>an audit event for every outcome.</li>
 * </ul>
 */
public final class LogInService implements LogInUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordDirectory directory;
    private final SessionIssuer sessions;
    private final AttemptBudgets budgets;
    private final KnownDevices knownDevices;
    private final AuditLog audit;
    private final LoginProtection protection;
    private final ClientAuthentication clientAuthentication;
    private final ScopePolicy scopes;
    private final Clock clock;
    private final PasswordHash unmatchableHash;
    private final FailureOverhead failureOverhead = new FailureOverhead();

    public LogInService(UserRepository users, PasswordHasher hasher, PasswordDirectory directory, AccessTokens accessTokens,
                        RefreshTokens refreshTokens, LoginThrottle throttle, KnownDevices knownDevices, AuditLog audit,
                        LoginProtection protection, ScopePolicy scopes, ClientRegistry clients, Clock clock) {
        this(users, hasher, directory, accessTokens, refreshTokens, throttle, knownDevices, audit, protection, scopes,
                new ClientAuthentication(clients, audit, clock), clock);
    }

    LogInService(UserRepository users, PasswordHasher hasher, PasswordDirectory directory, AccessTokens accessTokens,
                 RefreshTokens refreshTokens, LoginThrottle throttle, KnownDevices knownDevices, AuditLog audit,
                 LoginProtection protection, ScopePolicy scopes, ClientAuthentication clientAuthentication, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.directory = directory;
        this.sessions = new SessionIssuer(refreshTokens, accessTokens, clock);
        this.budgets = new AttemptBudgets(throttle, clock);
        this.knownDevices = knownDevices;
        this.audit = audit;
        this.protection = protection;
        this.clientAuthentication = clientAuthentication;
        this.scopes = scopes;
        this.clock = clock;
        this.unmatchableHash = hasher.hash(randomPassword());
    }

    @Override
    public LogInResult logIn(LogInCommand command) {
        long started = System.nanoTime();
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
        Instant now = clock.instant();
        Optional<Username> username = parseUsername(command.username());
        Optional<User> user = username.flatMap(users::findByUsername);
        Optional<String> device = user.flatMap(found -> command.knownDevice()
                .flatMap(credential -> knownDevices.recognise(credential, found)));
        AttemptBudgets.Charged charged;
        switch (budgets.charge(budgetsOf(command, username, device))) {
            case AttemptBudgets.Refused refused -> {
                audit.record(FailedLoginEvent.of(AuditEvent.Type.LOGIN_THROTTLED, command, user, now));
                // No hashing work and no writes, but the wait they take, so the answer's timing gives nothing away.
                long spent = System.nanoTime() - started;
                hasher.waitLikeAVerification();
                failureOverhead.waitOut(spent);
                return new LogInResult.Throttled(refused.retryAfter());
            }
            case AttemptBudgets.Charged charge -> charged = charge;
        }
        try {
            long verifying = System.nanoTime();
            boolean passwordMatches = passwordMatches(command.password(), user);
            long verified = System.nanoTime();
            if (user.isEmpty() || !passwordMatches || user.get().isDisabled()) {
                budgets.failed(charged);
                audit.record(FailedLoginEvent.of(command, user, now));
                failureOverhead.record(System.nanoTime() - started, verified - verifying);
                return new LogInResult.InvalidCredentials();
            }
            budgets.succeeded(charged);
            User current = withCurrentHash(user.get(), command);
            // The user's scopes that were asked for, and of those only the ones the client is registered for.
            Set<Scope> granted = scopes.grant(current, command.requestedScopes());
            if (verdict instanceof ClientAuthentication.Authenticated(var client)) {
                granted = client.allowedOf(granted);
            }
            SessionIssuer.Issued session = sessions.start(current, granted, ClientAuthentication.clientOf(verdict),
                    command.resource());
            LogInResult.LoggedIn loggedIn = new LogInResult.LoggedIn(session.accessToken(), session.refreshToken(),
                    knownDevices.enrol(current));
            record(AuditEvent.Type.LOGIN_SUCCEEDED, command, now);
            return loggedIn;
        } catch (HashingOverloadedException overloaded) {
            record(AuditEvent.Type.FLOOD_REJECTED, command, now);
            return new LogInResult.Overloaded(overloaded.retryAfter());
        } finally {
            // Unless settled above: the attempt was never verified (no hashing capacity, the store failed).
            budgets.notVerified(charged);
        }
    }

    /**
     * A recognised device is held to its own backoff only, instead of the account's (which an attacker may have run
     * up) and the address's (which others behind the same NAT may have spent). Anyone else is charged to the
     * address's budget and the account name's backoff.
     */
    private List<AttemptBudgets.Budget> budgetsOf(LogInCommand command, Optional<Username> username, Optional<String> device) {
        if (device.isPresent()) {
            return List.of(AttemptBudgets.Budget.serial(ThrottleKey.device(device.get()), protection.accounts()));
        }
        AttemptBudgets.Budget client = AttemptBudgets.Budget.shared(ThrottleKey.client(command.client()), protection.clients());
        return username
                .map(name -> List.of(client, AttemptBudgets.Budget.serial(ThrottleKey.account(name), protection.accounts())))
                .orElseGet(() -> List.of(client));
    }

    /**
     * The one verification every unthrottled attempt costs: the directory's bind for an account whose password it
     * keeps (a directory that cannot be reached throws, as a store that is down does), the hasher's otherwise.
     */
    private boolean passwordMatches(PlainPassword password, Optional<User> user) {
        Optional<DirectoryEntry> entry = user.flatMap(found -> found.passwordHash().directoryEntry());
        if (entry.isPresent()) {
            return directory.bind(entry.get(), password) == BindOutcome.BOUND;
        }
        return hasher.verify(password, user.map(User::passwordHash).orElse(unmatchableHash));
    }

    /**
     * Stores a hash made with today's algorithm and costs; a login never fails because of this upgrade. A password
     * the directory keeps is never hashed here: the account goes on referring to the directory.
     */
    private User withCurrentHash(User user, LogInCommand command) {
        if (user.passwordHash().directoryEntry().isPresent() || !hasher.needsRehash(user.passwordHash())) {
            return user;
        }
        try {
            User rehashed = user.withPasswordHash(hasher.hash(command.password()));
            // Only if the hash is still the one just verified: a concurrent login may have upgraded it already.
            if (!users.replacePasswordHash(user.id(), user.passwordHash(), rehashed.passwordHash())) {
                return user;
            }
            record(AuditEvent.Type.PASSWORD_REHASHED, command, clock.instant());
            return rehashed;
        } catch (HashingOverloadedException overloaded) {
            return user; // upgrade at a calmer moment
        }
    }

    private void record(AuditEvent.Type type, LogInCommand command, Instant at) {
        audit.record(new AuditEvent(type, command.username(), command.client(), at));
    }

    private static Optional<Username> parseUsername(String raw) {
        try {
            return Optional.of(new Username(raw));
        } catch (IllegalArgumentException notAUsername) {
            return Optional.empty();
        }
    }

    private static PlainPassword randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return new PlainPassword(Base64.getEncoder().encodeToString(bytes));
    }
}
