package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.port.in.ChangeEmailCommand;
import dev.gatehouse.application.port.in.ChangeEmailResult;
import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationCommand;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.port.in.RequestEmailVerificationCommand;
import dev.gatehouse.application.port.in.RequestEmailVerificationResult;
import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryEmailVerifications;
import dev.gatehouse.application.testing.InMemoryMailOutbox;
import dev.gatehouse.application.testing.InMemoryPasswordResets;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.EmailVerification;
import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Email verification through the one assembly of the real services, on in-memory ports, in each mode. */
class EmailVerificationTest {

    private static final ClientAddress CLIENT = new ClientAddress("192.0.2.20");
    private static final PlainPassword PASSWORD = new PlainPassword("correct horse 1");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryMailOutbox outbox = new InMemoryMailOutbox();
    private final InMemoryEmailVerifications verifications = new InMemoryEmailVerifications(users, outbox);
    private final RecordingAuditLog audit = new RecordingAuditLog();

    private UseCases useCases(EmailVerificationMode mode) {
        return useCases(mode, verifications);
    }

    private UseCases useCases(EmailVerificationMode mode, EmailVerifications store) {
        FastPasswordHasher hasher = new FastPasswordHasher();
        return new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock)
                .passwordDirectory(PasswordDirectory.none())
                .auditLog(audit)
                // Reset links, verification links and the mailer share one outbox, as they share one store in production.
                .passwordResets(new InMemoryPasswordResets(users, outbox))
                .mailOutbox(outbox)
                .emailVerifications(store)
                .build(),
                new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                        new Retention(Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365)),
                        Optional.empty()).withEmailVerification(mode));
    }

    private static RegisterUserResult register(UseCases useCases, String name, String email) {
        return useCases.registerUser().register(new RegisterUserCommand(new Username(name), PASSWORD,
                Optional.ofNullable(email).map(EmailAddress::new), Optional.empty(), CLIENT));
    }

    private static LogInResult logIn(UseCases useCases, String name, PlainPassword password) {
        return useCases.logIn().logIn(new LogInCommand(name, password, Set.of(), CLIENT, Optional.empty()));
    }

    private static ConfirmEmailVerificationResult confirm(UseCases useCases, String token) {
        return useCases.confirmEmailVerification().confirmVerification(new ConfirmEmailVerificationCommand(token, CLIENT));
    }

    private List<OutgoingMail> verificationMails() {
        return outbox.all().stream().filter(mail -> mail.template() == MailTemplate.EMAIL_VERIFICATION).toList();
    }

    private String lastToken() {
        List<OutgoingMail> mails = verificationMails();
        return mails.get(mails.size() - 1).values().get("token");
    }

    private User stored(String name) {
        return users.findByUsername(new Username(name)).orElseThrow();
    }

    @Test
    void off_mails_nothing_and_signs_in_as_before() {
        UseCases off = useCases(EmailVerificationMode.OFF);

        assertInstanceOf(RegisterUserResult.Registered.class, register(off, "jane", "jane@example.com"));
        assertInstanceOf(RegisterUserResult.Registered.class, register(off, "john", null));

        assertEquals(List.of(), outbox.all());
        assertInstanceOf(LogInResult.LoggedIn.class, logIn(off, "jane", PASSWORD));
        assertInstanceOf(RequestEmailVerificationResult.Accepted.class,
                off.requestEmailVerification().requestVerification(new RequestEmailVerificationCommand("jane", CLIENT)));
        assertEquals(List.of(), outbox.all());
    }

    @Test
    void registering_stores_the_account_with_a_link_mailed_to_its_address_that_proves_it_once() {
        UseCases optional = useCases(EmailVerificationMode.OPTIONAL);

        assertInstanceOf(RegisterUserResult.Registered.class, register(optional, "jane", "jane@example.com"));

        assertFalse(stored("jane").isEmailVerified());
        OutgoingMail mail = verificationMails().get(0);
        assertEquals(new EmailAddress("jane@example.com"), mail.to());
        String token = mail.values().get("token");
        assertTrue(token.length() >= 43, "at least 256 bits, base64url");
        EmailVerification link = verifications.find(EmailVerificationLinks.hashOf(token)).orElseThrow();
        assertNotEquals(token, link.hash().hex(), "stored hashed");
        assertEquals(Duration.ofHours(24), Duration.between(link.issuedAt(), link.expiresAt()));
        assertInstanceOf(LogInResult.LoggedIn.class, logIn(optional, "jane", PASSWORD), "optional: unverified may sign in");

        assertInstanceOf(ConfirmEmailVerificationResult.Verified.class, confirm(optional, token));

        assertTrue(stored("jane").isEmailVerified());
        assertInstanceOf(ConfirmEmailVerificationResult.InvalidToken.class, confirm(optional, token), "single use");
        assertTrue(audit.events().stream().anyMatch(event -> event.type() == AuditEvent.Type.EMAIL_VERIFICATION_SENT));
        assertTrue(audit.events().stream().anyMatch(event -> event.type() == AuditEvent.Type.EMAIL_VERIFIED));
        assertTrue(audit.events().stream().anyMatch(event -> event.type() == AuditEvent.Type.EMAIL_VERIFICATION_REFUSED));
    }

    @Test
    void a_link_is_refused_once_a_day_has_passed() {
        UseCases optional = useCases(EmailVerificationMode.OPTIONAL);
        register(optional, "jane", "jane@example.com");
        clock.advance(Duration.ofHours(24));

        assertInstanceOf(ConfirmEmailVerificationResult.InvalidToken.class, confirm(optional, lastToken()));

        assertFalse(stored("jane").isEmailVerified());
    }

    @Test
    void a_taken_username_stores_no_link_and_mails_nothing() {
        UseCases optional = useCases(EmailVerificationMode.OPTIONAL);
        register(optional, "jane", "jane@example.com");

        assertInstanceOf(RegisterUserResult.UsernameTaken.class, register(optional, "JANE", "mallory@example.com"));

        assertEquals(1, verificationMails().size());
        assertTrue(verificationMails().stream().noneMatch(mail -> mail.to().value().equals("mallory@example.com")));
    }

    @Test
    void required_refuses_tokens_to_an_unproven_address_only_after_the_right_password() {
        UseCases required = useCases(EmailVerificationMode.REQUIRED);
        assertInstanceOf(RegisterUserResult.EmailRequired.class, register(required, "nomail", null));
        assertTrue(users.findByUsername(new Username("nomail")).isEmpty());
        register(required, "jane", "jane@example.com");

        assertInstanceOf(LogInResult.EmailNotVerified.class, logIn(required, "jane", PASSWORD));
        assertTrue(audit.events().stream().anyMatch(event -> event.type() == AuditEvent.Type.LOGIN_EMAIL_NOT_VERIFIED));
        assertInstanceOf(LogInResult.InvalidCredentials.class, logIn(required, "jane", new PlainPassword("wrong password 9")),
                "a wrong password learns nothing about the address");

        assertInstanceOf(ConfirmEmailVerificationResult.Verified.class, confirm(required, lastToken()));
        clock.advance(Duration.ofHours(1));
        assertInstanceOf(LogInResult.LoggedIn.class, logIn(required, "jane", PASSWORD));
    }

    @Test
    void a_new_link_goes_only_to_an_unproven_address_and_the_answer_is_the_same_for_anyone() {
        UseCases optional = useCases(EmailVerificationMode.OPTIONAL);
        register(optional, "jane", "jane@example.com");
        register(optional, "john", "john@example.com");
        confirm(optional, lastToken());

        for (String account : List.of("nobody", "nobody@example.com", "john", "jane", "JANE@example.com")) {
            assertInstanceOf(RequestEmailVerificationResult.Accepted.class,
                    optional.requestEmailVerification().requestVerification(new RequestEmailVerificationCommand(account, CLIENT)));
        }

        assertEquals(List.of("jane@example.com", "john@example.com", "jane@example.com", "jane@example.com"),
                verificationMails().stream().map(mail -> mail.to().value()).toList(), "john is verified: nothing more for him");
        assertInstanceOf(ConfirmEmailVerificationResult.Verified.class, confirm(optional, lastToken()), "the newest link works");
    }

    @Test
    void new_links_are_throttled_per_account_however_it_is_named() {
        UseCases optional = useCases(EmailVerificationMode.OPTIONAL);
        register(optional, "jane", "jane@example.com");
        for (int i = 0; i < 10; i++) {
            optional.requestEmailVerification().requestVerification(
                    new RequestEmailVerificationCommand(i % 2 == 0 ? "jane" : "jane@example.com", CLIENT));
        }

        assertEquals(1 + RequestEmailVerificationService.PER_ACCOUNT.maxFailures(), verificationMails().size(),
                "the registration's link, then at most the account's budget");
    }

    @Test
    void exactly_one_of_sixteen_parallel_uses_of_a_link_verifies_even_when_all_read_it_unused() throws Exception {
        // Every use reads the link before any redeems it: only the store's conditional redeem can tell them apart.
        CyclicBarrier allHaveRead = new CyclicBarrier(16);
        UseCases optional = useCases(EmailVerificationMode.OPTIONAL, new EmailVerifications() {
            @Override
            public AddUserOutcome register(User user, EmailVerification link, OutgoingMail mail) {
                return verifications.register(user, link, mail);
            }

            @Override
            public void issue(EmailVerification link, OutgoingMail mail) {
                verifications.issue(link, mail);
            }

            @Override
            public Optional<EmailVerification> find(ResetTokenHash hash) {
                Optional<EmailVerification> found = verifications.find(hash);
                try {
                    allHaveRead.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return found;
            }

            @Override
            public Optional<User> redeem(ResetTokenHash hash, Instant at, NoticedChange change) {
                return verifications.redeem(hash, at, change);
            }

            @Override
            public int forgetExpiredBefore(Instant cutoff) {
                return verifications.forgetExpiredBefore(cutoff);
            }
        });
        register(optional, "jane", "jane@example.com");
        String token = lastToken();
        List<Callable<ConfirmEmailVerificationResult>> attempts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            attempts.add(() -> confirm(optional, token));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            int verified = 0;
            for (Future<ConfirmEmailVerificationResult> outcome : pool.invokeAll(attempts)) {
                verified += outcome.get() instanceof ConfirmEmailVerificationResult.Verified ? 1 : 0;
            }
            assertEquals(1, verified);
            assertEquals(15, audit.events().stream().filter(event -> event.type() == AuditEvent.Type.EMAIL_VERIFICATION_REFUSED).count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_new_address_takes_effect_only_when_its_link_is_used_and_the_old_one_is_told() {
        UseCases optional = useCases(EmailVerificationMode.OPTIONAL);
        register(optional, "jane", "jane@example.com");
        confirm(optional, lastToken());
        String accessToken = ((LogInResult.LoggedIn) logIn(optional, "jane", PASSWORD)).accessToken().value();

        assertInstanceOf(ChangeEmailResult.WrongCurrentPassword.class, optional.changeEmail().changeEmail(
                new ChangeEmailCommand(accessToken, new PlainPassword("wrong password 9"), new EmailAddress("jane@new.example"), CLIENT)));
        clock.advance(Duration.ofHours(1));
        accessToken = ((LogInResult.LoggedIn) logIn(optional, "jane", PASSWORD)).accessToken().value();
        assertInstanceOf(ChangeEmailResult.Requested.class, optional.changeEmail().changeEmail(
                new ChangeEmailCommand(accessToken, PASSWORD, new EmailAddress("jane@new.example"), CLIENT)));

        assertEquals(new EmailAddress("jane@new.example"), verificationMails().getLast().to());
        assertEquals(Optional.of(new EmailAddress("jane@example.com")), stored("jane").email(), "unchanged until confirmed");
        assertTrue(stored("jane").isEmailVerified(), "the old address stays verified meanwhile");

        assertInstanceOf(ConfirmEmailVerificationResult.Verified.class, confirm(optional, lastToken()));

        assertEquals(Optional.of(new EmailAddress("jane@new.example")), stored("jane").email());
        assertTrue(stored("jane").isEmailVerified());
        OutgoingMail notice = outbox.all().getLast();
        assertEquals(MailTemplate.EMAIL_CHANGED, notice.template());
        assertEquals(new EmailAddress("jane@example.com"), notice.to());
        assertTrue(audit.events().stream().anyMatch(event -> event.type() == AuditEvent.Type.EMAIL_CHANGE_REQUESTED));
    }

    @Test
    void an_address_confirmed_while_the_password_changes_loses_neither() throws Exception {
        UseCases optional = useCases(EmailVerificationMode.OPTIONAL);
        PlainPassword next = new PlainPassword("another passphrase 2");
        for (int round = 0; round < 10; round++) {
            String name = "both" + round;
            register(optional, name, name + "@example.com");
            String token = lastToken();
            String accessToken = ((LogInResult.LoggedIn) logIn(optional, name, PASSWORD)).accessToken().value();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<ConfirmEmailVerificationResult> confirmed = pool.submit(() -> {
                    start.await();
                    return confirm(optional, token);
                });
                Future<ChangePasswordResult> changed = pool.submit(() -> {
                    start.await();
                    return optional.changePassword().changePassword(new ChangePasswordCommand(accessToken, PASSWORD, next, CLIENT));
                });
                start.countDown();
                assertInstanceOf(ConfirmEmailVerificationResult.Verified.class, confirmed.get());
                assertInstanceOf(ChangePasswordResult.Changed.class, changed.get());
            } finally {
                pool.shutdownNow();
            }
            User after = stored(name);
            assertTrue(after.isEmailVerified(), "the confirmation stands");
            assertEquals(1, after.securityVersion(), "the password change stands");
            assertInstanceOf(LogInResult.LoggedIn.class, logIn(optional, name, next));
        }
    }
}
