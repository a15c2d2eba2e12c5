package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.BindOutcome;
import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The one check of a username and password, shared by every way a person signs in (the password grant's
 * {@link LogInService} and the sign-in page of the authorization code flow), so both get the same guarantees:
 * <ul>
 *   <li>one failure outcome for unknown user, wrong password and disabled account, each costing exactly one
 *       password verification (an unknown user is checked against a hash nobody can match); for an account whose
 *       password an external directory keeps, that one verification is the directory's bind;</li>
 *   <li>backoff per account name, verified one attempt at a time, and a failure budget per client address, charged
 *       before any hashing (see {@link AttemptBudgets}); a throttled attempt costs no hashing work but waits as long as
 *       a failed attempt would take; a known device is held to its own backoff only;</li>
 *   <li>a fresh hash stored after a successful check whose hash is outdated, never for a directory's password;</li>
 *   <li>an audit event for every outcome, and a new known-device credential for every success.</li>
 * </ul>
 */
final class PasswordCheck {

    /** How a check ended. */
    sealed interface Verdict {
    }

    /**
     * The password is right: the user as now stored, a known-device credential for the client that sent it, and when
     * the attempt began (the time its success is recorded at, before what the check did on the way, such as a rehash).
     */
    record Passed(User user, String knownDevice, Instant attemptedAt) implements Verdict {
    }

    /** Unknown user, wrong password or disabled account: one outcome. */
    record Failed() implements Verdict {
    }

    /** A budget refused the attempt; nothing was checked. */
    record Throttled(Duration retryAfter) implements Verdict {
    }

    /** Hashing is at capacity; nothing was checked. */
    record Overloaded(Duration retryAfter) implements Verdict {
    }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordDirectory directory;
    private final AttemptBudgets budgets;
    private final KnownDevices knownDevices;
    private final AuditLog audit;
    private final LoginProtection protection;
    private final Clock clock;
    private final PasswordHash unmatchableHash;
    private final FailureOverhead failureOverhead = new FailureOverhead();

    PasswordCheck(UserRepository users, PasswordHasher hasher, PasswordDirectory directory, LoginThrottle throttle,
                  KnownDevices knownDevices, AuditLog audit, LoginProtection protection, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.directory = directory;
        this.budgets = new AttemptBudgets(throttle, clock);
        this.knownDevices = knownDevices;
        this.audit = audit;
        this.protection = protection;
        this.clock = clock;
        this.unmatchableHash = hasher.hash(randomPassword());
    }

    /** Checks the attempt's username and password, under every control above. */
    Verdict check(LogInCommand command) {
        long started = System.nanoTime();
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
                return new Throttled(refused.retryAfter());
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
                return new Failed();
            }
            budgets.succeeded(charged);
            User current = withCurrentHash(user.get(), command);
            return new Passed(current, knownDevices.enrol(current), now);
        } catch (HashingOverloadedException overloaded) {
            record(AuditEvent.Type.FLOOD_REJECTED, command, now);
            return new Overloaded(overloaded.retryAfter());
        } finally {
            // Unless settled above: the attempt was never verified (no hashing capacity, the store failed).
            budgets.notVerified(charged);
        }
    }

    /** Records that the person of {@code command} signed in, once what they signed in for is done. */
    void recordSuccess(LogInCommand command, Passed passed) {
        record(AuditEvent.Type.LOGIN_SUCCEEDED, command, passed.attemptedAt());
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
