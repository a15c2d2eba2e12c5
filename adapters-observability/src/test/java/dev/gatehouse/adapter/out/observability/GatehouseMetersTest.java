package dev.gatehouse.adapter.out.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The decorators count and delegate, and change nothing else. Each test has a registry of its own.
 */
class GatehouseMetersTest {

    private final GatehouseMeters meters = new GatehouseMeters(GatehouseMeters.newRegistry());

    private static final PlainPassword PASSWORD = new PlainPassword("correct horse battery staple");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void counts_every_kind_of_audit_event_and_hands_it_on() {
        RecordingAuditLog recorded = new RecordingAuditLog();
        var audit = meters.countingOutcomes(recorded);
        Map<AuditEvent.Type, Counter> counters = Map.ofEntries(
                Map.entry(AuditEvent.Type.LOGIN_SUCCEEDED, counter(GatehouseMeters.LOGINS, "outcome", "succeeded")),
                Map.entry(AuditEvent.Type.LOGIN_FAILED, counter(GatehouseMeters.LOGINS, "outcome", "failed")),
                Map.entry(AuditEvent.Type.LOGIN_THROTTLED, counter(GatehouseMeters.LOGINS, "outcome", "throttled")),
                Map.entry(AuditEvent.Type.FLOOD_REJECTED, counter(GatehouseMeters.FLOOD_REJECTIONS)),
                Map.entry(AuditEvent.Type.USER_REGISTERED, counter(GatehouseMeters.REGISTRATIONS)),
                Map.entry(AuditEvent.Type.USERNAME_TAKEN, counter(GatehouseMeters.REGISTRATIONS_TAKEN)),
                Map.entry(AuditEvent.Type.PASSWORD_REHASHED, counter(GatehouseMeters.PASSWORD_REHASHES)),
                Map.entry(AuditEvent.Type.TOKEN_REFRESHED, counter(GatehouseMeters.SESSION_EVENTS, "event", "refreshed")),
                Map.entry(AuditEvent.Type.REFRESH_TOKEN_REUSED,
                        counter(GatehouseMeters.SESSION_EVENTS, "event", "refresh_token_reused")),
                Map.entry(AuditEvent.Type.REFRESH_TOKEN_RACED,
                        counter(GatehouseMeters.SESSION_EVENTS, "event", "refresh_token_raced")),
                Map.entry(AuditEvent.Type.SESSION_REVOKED, counter(GatehouseMeters.SESSION_EVENTS, "event", "revoked")),
                Map.entry(AuditEvent.Type.LOGGED_OUT, counter(GatehouseMeters.SESSION_EVENTS, "event", "logged_out")),
                Map.entry(AuditEvent.Type.LOGGED_OUT_EVERYWHERE,
                        counter(GatehouseMeters.SESSION_EVENTS, "event", "logged_out_everywhere")),
                Map.entry(AuditEvent.Type.PASSWORD_CHANGED, counter(GatehouseMeters.PASSWORD_CHANGES, "outcome", "changed")),
                Map.entry(AuditEvent.Type.PASSWORD_CHANGE_REFUSED,
                        counter(GatehouseMeters.PASSWORD_CHANGES, "outcome", "refused")),
                Map.entry(AuditEvent.Type.PASSWORD_RESET_REQUESTED,
                        counter(GatehouseMeters.PASSWORD_CHANGES, "outcome", "reset_requested")),
                Map.entry(AuditEvent.Type.PASSWORD_RESET, counter(GatehouseMeters.PASSWORD_CHANGES, "outcome", "reset")),
                Map.entry(AuditEvent.Type.PASSWORD_RESET_REFUSED,
                        counter(GatehouseMeters.PASSWORD_CHANGES, "outcome", "reset_refused")),
                Map.entry(AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED,
                        counter(GatehouseMeters.CLIENT_REFUSALS, "error", "invalid_client")),
                Map.entry(AuditEvent.Type.UNAUTHORIZED_CLIENT,
                        counter(GatehouseMeters.CLIENT_REFUSALS, "error", "unauthorized_client")),
                Map.entry(AuditEvent.Type.CLIENT_TOKEN_ISSUED, counter(GatehouseMeters.CLIENT_TOKENS)),
                Map.entry(AuditEvent.Type.USER_DISABLED, counter(GatehouseMeters.ADMINISTRATION, "action", "user_disabled")),
                Map.entry(AuditEvent.Type.USER_ENABLED, counter(GatehouseMeters.ADMINISTRATION, "action", "user_enabled")),
                Map.entry(AuditEvent.Type.ACCOUNT_UNLOCKED, counter(GatehouseMeters.ADMINISTRATION, "action", "account_unlocked")),
                Map.entry(AuditEvent.Type.ROLE_ASSIGNED, counter(GatehouseMeters.ADMINISTRATION, "action", "role_assigned")),
                Map.entry(AuditEvent.Type.ROLE_REMOVED, counter(GatehouseMeters.ADMINISTRATION, "action", "role_removed")),
                Map.entry(AuditEvent.Type.SESSIONS_REVOKED, counter(GatehouseMeters.ADMINISTRATION, "action", "sessions_revoked")),
                Map.entry(AuditEvent.Type.USER_IMPORTED, counter(GatehouseMeters.ADMINISTRATION, "action", "user_imported")),
                Map.entry(AuditEvent.Type.SIGNING_KEY_ROTATED,
                        counter(GatehouseMeters.ADMINISTRATION, "action", "signing_key_rotated")),
                Map.entry(AuditEvent.Type.SIGNING_KEY_REVOKED,
                        counter(GatehouseMeters.ADMINISTRATION, "action", "signing_key_revoked")),
                Map.entry(AuditEvent.Type.AUTHORIZATION_CODE_ISSUED,
                        counter(GatehouseMeters.SESSION_EVENTS, "event", "authorization_code_issued")),
                Map.entry(AuditEvent.Type.AUTHORIZATION_CODE_REDEEMED,
                        counter(GatehouseMeters.SESSION_EVENTS, "event", "authorization_code_redeemed")),
                Map.entry(AuditEvent.Type.AUTHORIZATION_CODE_REFUSED,
                        counter(GatehouseMeters.SESSION_EVENTS, "event", "authorization_code_refused")),
                Map.entry(AuditEvent.Type.AUTHORIZATION_CODE_REPLAYED,
                        counter(GatehouseMeters.SESSION_EVENTS, "event", "authorization_code_replayed")),
                Map.entry(AuditEvent.Type.SIGN_IN_FORM_FORGED, counter(GatehouseMeters.LOGINS, "outcome", "form_rejected")),
                Map.entry(AuditEvent.Type.EMAIL_VERIFICATION_SENT, counter(GatehouseMeters.EMAIL_VERIFICATIONS, "outcome", "sent")),
                Map.entry(AuditEvent.Type.EMAIL_VERIFIED, counter(GatehouseMeters.EMAIL_VERIFICATIONS, "outcome", "verified")),
                Map.entry(AuditEvent.Type.EMAIL_VERIFICATION_REFUSED,
                        counter(GatehouseMeters.EMAIL_VERIFICATIONS, "outcome", "refused")),
                Map.entry(AuditEvent.Type.EMAIL_CHANGE_REQUESTED,
                        counter(GatehouseMeters.EMAIL_VERIFICATIONS, "outcome", "change_requested")),
                Map.entry(AuditEvent.Type.LOGIN_EMAIL_NOT_VERIFIED, counter(GatehouseMeters.LOGINS, "outcome", "email_not_verified")),
                Map.entry(AuditEvent.Type.TWO_FACTOR_ENROLLED, counter(GatehouseMeters.SESSION_EVENTS, "event", "two_factor_enrolled")),
                Map.entry(AuditEvent.Type.TWO_FACTOR_CONFIRMED, counter(GatehouseMeters.SESSION_EVENTS, "event", "two_factor_confirmed")),
                Map.entry(AuditEvent.Type.TWO_FACTOR_REMOVED, counter(GatehouseMeters.SESSION_EVENTS, "event", "two_factor_removed")),
                Map.entry(AuditEvent.Type.RECOVERY_CODES_REGENERATED,
                        counter(GatehouseMeters.SESSION_EVENTS, "event", "recovery_codes_regenerated")),
                Map.entry(AuditEvent.Type.RECOVERY_CODE_USED, counter(GatehouseMeters.LOGINS, "outcome", "recovery_code_used")),
                Map.entry(AuditEvent.Type.SECOND_FACTOR_REQUIRED, counter(GatehouseMeters.LOGINS, "outcome", "second_factor_required")),
                Map.entry(AuditEvent.Type.SECOND_FACTOR_REFUSED, counter(GatehouseMeters.LOGINS, "outcome", "second_factor_refused")),
                Map.entry(AuditEvent.Type.CLIENT_REGISTERED, counter(GatehouseMeters.ADMINISTRATION, "action", "client_registered")),
                Map.entry(AuditEvent.Type.CLIENT_REMOVED, counter(GatehouseMeters.ADMINISTRATION, "action", "client_removed")),
                Map.entry(AuditEvent.Type.CLIENT_SECRET_ROTATED,
                        counter(GatehouseMeters.ADMINISTRATION, "action", "client_secret_rotated")),
                Map.entry(AuditEvent.Type.CONSENT_GIVEN, counter(GatehouseMeters.SESSION_EVENTS, "event", "consent_given")),
                Map.entry(AuditEvent.Type.CONSENT_DENIED, counter(GatehouseMeters.SESSION_EVENTS, "event", "consent_denied")),
                Map.entry(AuditEvent.Type.CONSENT_REVOKED, counter(GatehouseMeters.SESSION_EVENTS, "event", "consent_revoked")),
                Map.entry(AuditEvent.Type.BROWSER_SESSION_ENDED,
                        counter(GatehouseMeters.SESSION_EVENTS, "event", "browser_session_ended")),
                Map.entry(AuditEvent.Type.LOGOUT_REFUSED, counter(GatehouseMeters.SESSION_EVENTS, "event", "logout_refused")));
        assertEquals(Set.of(AuditEvent.Type.values()), counters.keySet(), "every type has a meter, before any event");

        for (AuditEvent.Type type : AuditEvent.Type.values()) {
            Map<AuditEvent.Type, Long> before = counts(counters);
            AuditEvent event = new AuditEvent(type, "johndoe", new ClientAddress("127.0.0.1"), NOW);

            audit.record(event);

            assertSame(event, recorded.events().getLast());
            Map<AuditEvent.Type, Long> after = counts(counters);
            for (AuditEvent.Type other : AuditEvent.Type.values()) {
                assertEquals(before.get(other) + (other == type ? 1 : 0), after.get(other), type + " counted as " + other);
            }
        }
    }

    @Test
    void times_hashing_and_verifying_and_passes_the_rest_through() {
        FastPasswordHasher fast = new FastPasswordHasher();
        PasswordHasher hasher = meters.timed(fast);
        Timer hashes = timer("hash");
        Timer verifications = timer("verify");
        long hashesBefore = hashes.count();
        long verificationsBefore = verifications.count();

        PasswordHash hash = hasher.hash(PASSWORD);
        boolean right = hasher.verify(PASSWORD, hash);
        boolean wrong = hasher.verify(new PlainPassword("wrong password"), hash);
        boolean rehash = hasher.needsRehash(hash);
        hasher.waitLikeAVerification();

        assertTrue(right);
        assertEquals(false, wrong);
        assertEquals(fast.needsRehash(hash), rehash);
        assertEquals(1, fast.waits());
        assertEquals(hashesBefore + 1, hashes.count());
        assertEquals(verificationsBefore + 2, verifications.count(), "waiting like a verification is not one");
        assertTrue(verifications.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
    }

    @Test
    void counts_refusals_for_lack_of_capacity_and_rethrows_them_untimed() {
        FastPasswordHasher fast = new FastPasswordHasher();
        PasswordHash hash = fast.hash(PASSWORD);
        fast.saturate();
        PasswordHasher hasher = meters.timed(fast);
        Counter hashRejections = counter(GatehouseMeters.HASH_REJECTIONS, "operation", "hash");
        Counter verifyRejections = counter(GatehouseMeters.HASH_REJECTIONS, "operation", "verify");
        double hashRejectionsBefore = hashRejections.count();
        double verifyRejectionsBefore = verifyRejections.count();
        long timedBefore = timer("verify").count();

        HashingOverloadedException refused = assertThrows(HashingOverloadedException.class, () -> hasher.verify(PASSWORD, hash));
        assertThrows(HashingOverloadedException.class, () -> hasher.hash(PASSWORD));

        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
        assertEquals(verifyRejectionsBefore + 1, verifyRejections.count());
        assertEquals(hashRejectionsBefore + 1, hashRejections.count());
        assertEquals(timedBefore, timer("verify").count());
    }

    @Test
    void counts_issued_tokens_and_verifications_by_result() {
        MutableClock clock = new MutableClock(NOW);
        var tokens = meters.counted(new InMemoryAccessTokens(clock, Duration.ofMinutes(15)));
        Counter issued = counter(GatehouseMeters.TOKENS_ISSUED);
        Counter valid = counter(GatehouseMeters.TOKEN_VERIFICATIONS, "result", "valid");
        Counter invalid = counter(GatehouseMeters.TOKEN_VERIFICATIONS, "result", "invalid");
        double issuedBefore = issued.count();
        double validBefore = valid.count();
        double invalidBefore = invalid.count();
        User user = User.register(new Username("johndoe"), new FastPasswordHasher().hash(PASSWORD), null, null, NOW);

        AccessToken token = tokens.issue(user, Set.of(), SessionId.newId());
        assertTrue(tokens.verify(token.value()).isPresent());
        assertTrue(tokens.verify("forged").isEmpty());
        assertTrue(tokens.verify(token.value()).isPresent());

        assertEquals(issuedBefore + 1, issued.count());
        assertEquals(validBefore + 2, valid.count());
        assertEquals(invalidBefore + 1, invalid.count());
    }

    @Test
    void reads_the_pool_on_every_look_and_takes_the_latest_supplier() {
        AtomicReference<ConnectionPoolStats> stats = new AtomicReference<>(new ConnectionPoolStats(2, 3, 5, 1, 10));
        meters.registerPoolGauges(stats::get);

        assertEquals(2.0, gauge(GatehouseMeters.POOL_ACTIVE));
        assertEquals(3.0, gauge(GatehouseMeters.POOL_IDLE));
        assertEquals(5.0, gauge(GatehouseMeters.POOL_TOTAL));
        assertEquals(1.0, gauge(GatehouseMeters.POOL_WAITING));
        assertEquals(10.0, gauge(GatehouseMeters.POOL_MAXIMUM));

        stats.set(new ConnectionPoolStats(7, 0, 7, 4, 10));
        assertEquals(7.0, gauge(GatehouseMeters.POOL_ACTIVE));
        assertEquals(4.0, gauge(GatehouseMeters.POOL_WAITING));

        meters.registerPoolGauges(() -> new ConnectionPoolStats(1, 1, 2, 0, 4));
        assertEquals(4.0, gauge(GatehouseMeters.POOL_MAXIMUM));

        meters.registerPoolGauges(() -> {
            throw new IllegalStateException("pool closed");
        });
        assertTrue(Double.isNaN(gauge(GatehouseMeters.POOL_ACTIVE)));
    }

    @Test
    void reads_the_user_cache_on_every_look_and_takes_the_latest_supplier() {
        AtomicReference<UserCacheUsage> usage = new AtomicReference<>(new UserCacheUsage(3, 1, 0, 2));
        meters.registerUserCacheGauges(usage::get);

        assertEquals(3.0, gauge(GatehouseMeters.USER_CACHE_HITS));
        assertEquals(1.0, gauge(GatehouseMeters.USER_CACHE_MISSES));
        assertEquals(0.0, gauge(GatehouseMeters.USER_CACHE_EVICTIONS));
        assertEquals(2.0, gauge(GatehouseMeters.USER_CACHE_SIZE));
        assertEquals(0.75, gauge(GatehouseMeters.USER_CACHE_HIT_RATIO));

        usage.set(new UserCacheUsage(9, 1, 5, 7));
        assertEquals(0.9, gauge(GatehouseMeters.USER_CACHE_HIT_RATIO));
        assertEquals(5.0, gauge(GatehouseMeters.USER_CACHE_EVICTIONS));

        meters.registerUserCacheGauges(() -> {
            throw new IllegalStateException("database closed");
        });
        assertTrue(Double.isNaN(gauge(GatehouseMeters.USER_CACHE_SIZE)));
    }

    @Test
    void refuses_impossible_pool_figures() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionPoolStats(-1, 0, 0, 0, 1));
    }

    private Counter counter(String name, String... tag) {
        List<Tag> tags = tag.length == 0 ? List.of() : List.of(Tag.of(tag[0], tag[1]));
        return Optional.ofNullable(meters.registry().find(name).tags(tags).counter())
                .orElseThrow(() -> new AssertionError("no counter " + name + " " + tags));
    }

    private Timer timer(String operation) {
        return Optional.ofNullable(meters.registry().find(GatehouseMeters.HASH_DURATION).tags(List.of(Tag.of("operation", operation))).timer())
                .orElseThrow(() -> new AssertionError("no timer for " + operation));
    }

    private double gauge(String name) {
        Gauge gauge = Optional.ofNullable(meters.registry().find(name).gauge())
                .orElseThrow(() -> new AssertionError("no gauge " + name));
        return gauge.value();
    }

    private static Map<AuditEvent.Type, Long> counts(Map<AuditEvent.Type, Counter> counters) {
        Map<AuditEvent.Type, Long> counts = new java.util.EnumMap<>(AuditEvent.Type.class);
        counters.forEach((type, counter) -> counts.put(type, (long) counter.count()));
        return counts;
    }

    @Test
    void two_gatehouses_in_one_jvm_count_apart() {
        GatehouseMeters other = new GatehouseMeters(GatehouseMeters.newRegistry());
        var audit = meters.countingOutcomes(new RecordingAuditLog());
        other.countingOutcomes(new RecordingAuditLog());
        Counter mine = counter(GatehouseMeters.LOGINS, "outcome", "failed");
        Counter theirs = other.registry().find(GatehouseMeters.LOGINS).tags(List.of(Tag.of("outcome", "failed"))).counter();

        audit.record(new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "jane", new ClientAddress("127.0.0.1"), NOW));

        assertEquals(1, mine.count());
        assertEquals(0, theirs.count());
    }
}
