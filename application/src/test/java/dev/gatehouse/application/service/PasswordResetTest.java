package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ConfirmPasswordResetCommand;
import dev.gatehouse.application.port.in.ConfirmPasswordResetResult;
import dev.gatehouse.application.port.in.MailDelivery;
import dev.gatehouse.application.port.in.RequestPasswordResetCommand;
import dev.gatehouse.application.port.in.RequestPasswordResetResult;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PasswordReset;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryLoginThrottle;
import dev.gatehouse.application.testing.InMemoryMailOutbox;
import dev.gatehouse.application.testing.InMemoryPasswordResets;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MinimumLengthPasswordPolicy;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.application.testing.RecordingMailer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Password reset and mail delivery through the real services on in-memory ports. */
class PasswordResetTest {

    private static final ClientAddress CLIENT = new ClientAddress("192.0.2.10");
    private static final PlainPassword OLD = new PlainPassword("old password 1");
    private static final PlainPassword NEW = new PlainPassword("brand new password 2");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle();
    private final InMemoryMailOutbox outbox = new InMemoryMailOutbox();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RecordingMailer mailer = new RecordingMailer();
    private User jane;

    @BeforeEach
    void aUserWithAnAddress() {
        jane = User.register(new Username("jane"), hasher.hash(OLD), new EmailAddress("jane@example.com"), null, clock.instant());
        users.add(jane);
    }

    private RequestPasswordResetService request(PasswordResets resets) {
        return new RequestPasswordResetService(users, new PasswordResetLinks(resets), throttle, audit, clock);
    }

    private final InMemoryPasswordResets resets = new InMemoryPasswordResets(users, outbox);

    private RequestPasswordResetService request() {
        return request(resets);
    }

    private ConfirmPasswordResetService confirm() {
        return new ConfirmPasswordResetService(resets, users, new PasswordReplacement(users, hasher,
                new MinimumLengthPasswordPolicy(8), refreshTokens), throttle, audit, clock);
    }

    private DeliverMailService delivery() {
        return new DeliverMailService(outbox, mailer, clock);
    }

    private String requestLink(String account) {
        assertInstanceOf(RequestPasswordResetResult.Accepted.class, request().requestReset(new RequestPasswordResetCommand(account, CLIENT)));
        List<OutgoingMail> links = outbox.all().stream().filter(mail -> mail.template() == MailTemplate.PASSWORD_RESET).toList();
        return links.get(links.size() - 1).values().get("token");
    }

    private ConfirmPasswordResetResult confirmWith(String token, PlainPassword password) {
        return confirm().confirmReset(new ConfirmPasswordResetCommand(token, password, CLIENT));
    }

    @Test
    void a_link_mailed_for_the_username_sets_the_password_ends_every_session_and_mails_a_notice() {
        RefreshSession session = RefreshSession.start(jane, Set.of(), clock.instant());
        refreshTokens.start(session, SessionIssuer.hashOf("refresh"), clock.instant());
        String token = requestLink("jane");
        assertTrue(token.length() >= 43, "at least 256 bits, base64url");
        assertEquals(new EmailAddress("jane@example.com"), outbox.all().get(0).to());

        assertInstanceOf(ConfirmPasswordResetResult.Reset.class, confirmWith(token, NEW));

        User after = users.findById(jane.id()).orElseThrow();
        assertTrue(hasher.verify(NEW, after.passwordHash()));
        assertEquals(jane.securityVersion() + 1, after.securityVersion(), "every access token and known device ended");
        assertTrue(refreshTokens.find(SessionIssuer.hashOf("refresh")).orElseThrow().session().isRevoked(), "every session ended");
        assertEquals(MailTemplate.PASSWORD_CHANGED, outbox.all().get(1).template());
        assertTrue(audit.events().stream().anyMatch(event -> event.type() == AuditEvent.Type.PASSWORD_RESET));
        assertTrue(audit.events().stream().anyMatch(event -> event.type() == AuditEvent.Type.PASSWORD_RESET_REQUESTED));
    }

    @Test
    void a_link_is_found_by_the_email_address_too_ignoring_case() {
        String token = requestLink("Jane@Example.com");

        assertInstanceOf(ConfirmPasswordResetResult.Reset.class, confirmWith(token, NEW));
    }

    @Test
    void the_token_is_stored_only_as_its_hash() {
        String token = requestLink("jane");

        assertTrue(resets.find(PasswordResetLinks.hashOf(token)).isPresent());
        assertFalse(resets.find(new ResetTokenHash(SecretTokens.sha256Hex(token + "x"))).isPresent());
    }

    @Test
    void a_link_works_once() {
        String token = requestLink("jane");
        assertInstanceOf(ConfirmPasswordResetResult.Reset.class, confirmWith(token, NEW));

        assertInstanceOf(ConfirmPasswordResetResult.InvalidToken.class, confirmWith(token, new PlainPassword("another password 3")));

        assertTrue(hasher.verify(NEW, users.findById(jane.id()).orElseThrow().passwordHash()));
    }

    @Test
    void a_link_expires_after_thirty_minutes() {
        String token = requestLink("jane");
        clock.advance(PasswordReset.LIFETIME);

        assertInstanceOf(ConfirmPasswordResetResult.InvalidToken.class, confirmWith(token, NEW));

        assertTrue(hasher.verify(OLD, users.findById(jane.id()).orElseThrow().passwordHash()));
    }

    @Test
    void a_newer_link_used_ends_the_older_ones() {
        String older = requestLink("jane");
        String newer = requestLink("jane");

        assertInstanceOf(ConfirmPasswordResetResult.Reset.class, confirmWith(newer, NEW));

        assertInstanceOf(ConfirmPasswordResetResult.InvalidToken.class, confirmWith(older, new PlainPassword("another password 3")));
    }

    @Test
    void a_password_the_policy_rejects_leaves_the_link_usable() {
        String token = requestLink("jane");

        assertInstanceOf(ConfirmPasswordResetResult.PasswordRejected.class, confirmWith(token, new PlainPassword("short")));

        assertInstanceOf(ConfirmPasswordResetResult.Reset.class, confirmWith(token, NEW));
    }

    @Test
    void a_made_up_token_is_refused() {
        assertInstanceOf(ConfirmPasswordResetResult.InvalidToken.class, confirmWith(SecretTokens.newToken(), NEW));
    }

    @Test
    void an_unknown_account_gets_the_same_answer_and_no_mail() {
        RequestPasswordResetResult unknown = request().requestReset(new RequestPasswordResetCommand("nobody", CLIENT));
        RequestPasswordResetResult unknownAddress = request().requestReset(new RequestPasswordResetCommand("nobody@example.com", CLIENT));
        RequestPasswordResetResult known = request().requestReset(new RequestPasswordResetCommand("jane", CLIENT));

        assertEquals(known, unknown);
        assertEquals(known, unknownAddress);
        assertEquals(1, outbox.all().size());
    }

    @Test
    void an_unknown_account_takes_as_long_as_a_known_one() {
        Duration issuing = Duration.ofMillis(60);
        RequestPasswordResetService service = request(new SlowResets(resets, issuing));
        for (int i = 0; i < 3; i++) {
            service.requestReset(new RequestPasswordResetCommand("jane", new ClientAddress("192.0.2." + (20 + i))));
        }

        long started = System.nanoTime();
        service.requestReset(new RequestPasswordResetCommand("nobody", CLIENT));
        Duration unknown = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(unknown.compareTo(issuing.minusMillis(10)) >= 0, "an unknown account answered in " + unknown
                + ", issuing a link takes " + issuing + ": the difference would tell which accounts exist");
    }

    @Test
    void a_disabled_account_gets_no_link_and_its_links_stop_working() {
        String token = requestLink("jane");
        users.change(jane.id(), User::disable);

        assertInstanceOf(ConfirmPasswordResetResult.InvalidToken.class, confirmWith(token, NEW));
        request().requestReset(new RequestPasswordResetCommand("jane", CLIENT));
        assertEquals(1, outbox.all().size());
    }

    @Test
    void requests_from_one_client_network_are_throttled_without_saying_anything_of_accounts() {
        RequestPasswordResetResult last = null;
        for (int i = 0; i <= RequestPasswordResetService.PER_CLIENT.maxFailures(); i++) {
            last = request().requestReset(new RequestPasswordResetCommand("user" + i, CLIENT));
        }

        assertInstanceOf(RequestPasswordResetResult.Throttled.class, last);
        assertInstanceOf(RequestPasswordResetResult.Accepted.class,
                request().requestReset(new RequestPasswordResetCommand("jane", new ClientAddress("198.51.100.1"))));
    }

    @Test
    void one_account_gets_a_bounded_number_of_links_however_it_is_named_and_from_wherever() {
        for (int i = 0; i < 20; i++) {
            String name = i % 2 == 0 ? "jane" : "JANE@example.com";
            assertInstanceOf(RequestPasswordResetResult.Accepted.class,
                    request().requestReset(new RequestPasswordResetCommand(name, new ClientAddress("192.0.2." + (i + 1)))));
        }

        assertEquals(RequestPasswordResetService.PER_ACCOUNT.maxFailures(), outbox.all().size());
    }

    @Test
    void invalid_links_from_one_client_network_are_throttled() {
        ConfirmPasswordResetResult last = null;
        for (int i = 0; i <= ConfirmPasswordResetService.GUESSES.maxFailures(); i++) {
            last = confirmWith(SecretTokens.newToken(), NEW);
        }

        assertInstanceOf(ConfirmPasswordResetResult.Throttled.class, last);
    }

    @Test
    void of_many_parallel_uses_of_one_link_exactly_one_sets_the_password() throws Exception {
        String token = requestLink("jane");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<ConfirmPasswordResetResult>> attempts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            PlainPassword password = new PlainPassword("parallel password " + i);
            attempts.add(() -> {
                start.await();
                return confirm().confirmReset(new ConfirmPasswordResetCommand(token, password, new ClientAddress("192.0.2.99")));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<ConfirmPasswordResetResult>> outcomes = new ArrayList<>();
            for (Callable<ConfirmPasswordResetResult> attempt : attempts) {
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            int resets = 0;
            for (Future<ConfirmPasswordResetResult> outcome : outcomes) {
                resets += outcome.get() instanceof ConfirmPasswordResetResult.Reset ? 1 : 0;
            }
            assertEquals(1, resets);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(jane.securityVersion() + 1, users.findById(jane.id()).orElseThrow().securityVersion());
    }

    @Test
    void mail_held_back_by_a_server_outage_is_sent_once_each_when_it_is_back() {
        mailer.down(true);
        for (int i = 0; i < 50; i++) {
            User user = User.register(new Username("user" + i), hasher.hash(OLD), new EmailAddress("user" + i + "@example.com"), null,
                    clock.instant());
            users.add(user);
            request().requestReset(new RequestPasswordResetCommand("user" + i, new ClientAddress("192.0.2." + (i + 1))));
            delivery().deliverDue();
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(List.of(), mailer.sent());
        assertEquals(50, outbox.pending());

        mailer.down(false);
        clock.advance(DeliverMailService.LONGEST_RETRY);
        MailDelivery delivered = delivery().deliverDue();
        delivery().deliverDue();

        assertEquals(50, delivered.sent());
        Set<UUID> ids = new HashSet<>();
        mailer.sent().forEach(mail -> ids.add(mail.id()));
        assertEquals(50, mailer.sent().size());
        assertEquals(50, ids.size());
        assertEquals(0, outbox.pending());
    }

    @Test
    void waits_longer_after_each_failure_up_to_a_limit() {
        assertEquals(Duration.ofSeconds(1), DeliverMailService.retryDelay(1));
        assertEquals(Duration.ofSeconds(2), DeliverMailService.retryDelay(2));
        assertEquals(Duration.ofSeconds(8), DeliverMailService.retryDelay(4));
        assertEquals(DeliverMailService.LONGEST_RETRY, DeliverMailService.retryDelay(40));
    }

    @Test
    void a_failed_mail_is_not_tried_again_before_its_backoff() {
        requestLink("jane");
        mailer.down(true);
        assertEquals(1, delivery().deliverDue().failed());
        mailer.down(false);

        assertEquals(0, delivery().deliverDue().sent());
        clock.advance(DeliverMailService.retryDelay(1));
        assertEquals(1, delivery().deliverDue().sent());
    }

    @Test
    void a_mail_that_cannot_be_rendered_or_is_refused_for_good_is_given_up_not_retried_for_ever() {
        requestLink("jane");
        DeliverMailService broken = new DeliverMailService(outbox, mail -> {
            throw new IllegalArgumentException("mail template placeholder {{x}} has no value");
        }, clock);
        assertEquals(1, broken.deliverDue().abandoned());

        requestLink("Jane@Example.com");
        DeliverMailService refusing = new DeliverMailService(outbox, mail -> {
            throw new dev.gatehouse.application.port.out.MailNotSentException("550 no such mailbox", true, null);
        }, clock);
        assertEquals(1, refusing.deliverDue().abandoned());

        clock.advance(Duration.ofDays(1));
        assertEquals(new MailDelivery(0, 0, 0), delivery().deliverDue());
        assertEquals(0, outbox.pending());
    }

    private SendPasswordResetService adminSends() {
        AdminGate gate = new AdminGate(new dev.gatehouse.application.testing.InMemoryAccessTokens(clock, Duration.ofMinutes(15)),
                new dev.gatehouse.application.testing.InMemoryRevokedAccessTokens(), users, audit, clock);
        return new SendPasswordResetService(gate, new PasswordResetLinks(resets), clock);
    }

    private static dev.gatehouse.application.port.in.AccountAction console(String name) {
        return new dev.gatehouse.application.port.in.AccountAction(dev.gatehouse.application.port.in.Actor.console(), new Username(name),
                ClientAddress.LOCAL);
    }

    @Test
    void an_administrator_sends_a_link_that_works_like_the_owners_and_is_audited_with_the_administrator() {
        assertInstanceOf(dev.gatehouse.application.port.in.AdminResult.Done.class, adminSends().sendPasswordReset(console("jane")));

        String token = outbox.all().get(0).values().get("token");
        assertInstanceOf(ConfirmPasswordResetResult.Reset.class, confirmWith(token, NEW));
        assertTrue(audit.events().stream().anyMatch(event -> event.type() == AuditEvent.Type.PASSWORD_RESET_REQUESTED
                && event.actor().equals(AuditEvent.CONSOLE)));
    }

    @Test
    void an_administrator_is_told_when_no_link_can_be_sent() {
        users.add(User.register(new Username("nomail"), hasher.hash(OLD), null, null, clock.instant()));
        User off = User.register(new Username("off"), hasher.hash(OLD), new EmailAddress("off@example.com"), null, clock.instant());
        users.add(off);
        users.change(off.id(), User::disable);

        assertEquals(new dev.gatehouse.application.port.in.AdminResult.Refused<>(dev.gatehouse.application.port.in.AdminResult.Refusal.NO_EMAIL_ADDRESS),
                adminSends().sendPasswordReset(console("nomail")));
        assertEquals(new dev.gatehouse.application.port.in.AdminResult.Refused<>(dev.gatehouse.application.port.in.AdminResult.Refusal.NOT_RESETTABLE),
                adminSends().sendPasswordReset(console("off")));
        assertEquals(new dev.gatehouse.application.port.in.AdminResult.Refused<>(dev.gatehouse.application.port.in.AdminResult.Refusal.NO_SUCH_USER),
                adminSends().sendPasswordReset(console("nobody")));
        assertEquals(List.of(), outbox.all());
    }

    /** Issuing a link that takes a known time, as a database write does. */
    private record SlowResets(PasswordResets delegate, Duration issuing) implements PasswordResets {

        @Override
        public void issue(PasswordReset reset, OutgoingMail mail) {
            try {
                Thread.sleep(issuing.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delegate.issue(reset, mail);
        }

        @Override
        public Optional<PasswordReset> find(ResetTokenHash hash) {
            return delegate.find(hash);
        }

        @Override
        public Optional<User> redeem(ResetTokenHash hash, Instant at, NoticedChange change) {
            return delegate.redeem(hash, at, change);
        }

        @Override
        public int forgetExpiredBefore(Instant cutoff) {
            return delegate.forgetExpiredBefore(cutoff);
        }
    }
}
