package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.ClaimedMail;
import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.EmailVerification;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EmailVerifications} adapter must do: store a new account with its link and mail, or nothing; store
 * a link with its mail; and let a link be used once, before it expires, also when many use it at once, on two
 * instances. Extend it and return the adapter with the outbox and users over the same storage, all empty.
 */
public abstract class EmailVerificationsContract {

    /** The store under test, the outbox its links' mails go to, and the users they belong to, over one storage. */
    public record Stores(EmailVerifications verifications, MailOutbox outbox, UserRepository users) {
    }

    protected static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private EmailVerifications verifications;
    private MailOutbox outbox;
    private UserRepository users;
    private User jane;
    private User john;

    protected abstract Stores newEmptyStores();

    /** The store of a second instance over the same storage as the last {@link #newEmptyStores()}. */
    protected EmailVerifications anotherInstance() {
        return verifications;
    }

    @BeforeEach
    void create() {
        Stores stores = newEmptyStores();
        verifications = stores.verifications();
        outbox = stores.outbox();
        users = stores.users();
        jane = aUser("jane");
        john = aUser("john");
        users.add(jane);
        users.add(john);
    }

    @Test
    void registers_an_account_with_its_link_and_the_mail_that_carries_it() {
        User mary = aUser("mary");
        EmailVerification link = EmailVerification.issue(aHash(), mary.id(), mary.email().orElseThrow(), T0);
        OutgoingMail mail = aMail();

        assertEquals(AddUserOutcome.ADDED, verifications.register(mary, link, mail));

        assertEquals(Optional.of(mary), users.findById(mary.id()));
        assertEquals(Optional.of(link), verifications.find(link.hash()));
        assertEquals(List.of(mail), outbox.claim(10, T0, Duration.ofMinutes(1)).stream().map(ClaimedMail::mail).toList());
    }

    @Test
    void stores_neither_link_nor_mail_when_the_username_is_taken() {
        User another = aUser("JANE");
        EmailVerification link = EmailVerification.issue(aHash(), another.id(), another.email().orElseThrow(), T0);

        assertEquals(AddUserOutcome.USERNAME_TAKEN, verifications.register(another, link, aMail()));

        assertEquals(Optional.empty(), verifications.find(link.hash()));
        assertEquals(0, outbox.pending());
        assertEquals(Optional.of(jane), users.findByUsername(new Username("jane")), "the first account stays as it was");
    }

    @Test
    void stores_a_link_for_a_new_address_and_puts_its_mail_in_the_outbox() {
        EmailVerification link = EmailVerification.issue(aHash(), jane.id(), new EmailAddress("jane@new.example"), T0);
        OutgoingMail mail = aMail();

        verifications.issue(link, mail);

        assertEquals(Optional.of(link), verifications.find(link.hash()));
        assertEquals(List.of(mail), outbox.claim(10, T0, Duration.ofMinutes(1)).stream().map(ClaimedMail::mail).toList());
    }

    @Test
    void finds_no_link_that_was_never_issued() {
        assertEquals(Optional.empty(), verifications.find(aHash()));
        assertFalse(verifications.redeem(aHash(), T0, NoticedChange.NONE).isPresent());
    }

    @Test
    void lets_a_link_be_used_once() {
        EmailVerification link = issue(jane, T0);

        assertTrue(verifications.redeem(link.hash(), T0.plusSeconds(60), NoticedChange.NONE).isPresent());

        assertFalse(verifications.redeem(link.hash(), T0.plusSeconds(61), NoticedChange.NONE).isPresent());
        assertEquals(Optional.of(T0.plusSeconds(60)), verifications.find(link.hash()).orElseThrow().usedAt());
    }

    @Test
    void refuses_a_link_that_expired() {
        EmailVerification link = issue(jane, T0);

        assertFalse(verifications.redeem(link.hash(), link.expiresAt(), NoticedChange.NONE).isPresent());

        assertEquals(Optional.empty(), verifications.find(link.hash()).orElseThrow().usedAt());
        assertTrue(verifications.redeem(link.hash(), link.expiresAt().minusMillis(1), NoticedChange.NONE).isPresent(), "usable until just before it expires");
    }

    @Test
    void using_a_link_uses_up_every_other_link_of_the_account_and_no_one_elses() {
        EmailVerification older = issue(jane, T0);
        EmailVerification used = issue(jane, T0.plusSeconds(10));
        EmailVerification johns = issue(john, T0);

        assertTrue(verifications.redeem(used.hash(), T0.plusSeconds(20), NoticedChange.NONE).isPresent());

        assertFalse(verifications.redeem(older.hash(), T0.plusSeconds(21), NoticedChange.NONE).isPresent());
        assertTrue(verifications.redeem(johns.hash(), T0.plusSeconds(21), NoticedChange.NONE).isPresent());
    }

    @Test
    void forgets_links_that_expired_before_the_cutoff() {
        EmailVerification old = issue(jane, T0);
        EmailVerification recent = issue(jane, T0.plus(Duration.ofHours(2)));

        assertEquals(1, verifications.forgetExpiredBefore(T0.plus(Duration.ofHours(25))));

        assertEquals(Optional.empty(), verifications.find(old.hash()));
        assertTrue(verifications.find(recent.hash()).isPresent());
    }

    @Test
    void lets_exactly_one_of_sixteen_parallel_uses_of_a_link_on_two_instances_win() throws Exception {
        EmailVerifications other = anotherInstance();
        EmailVerification link = issue(jane, T0);
        int wins = Races.winners(16, i -> (i % 2 == 0 ? verifications : other)
                .redeem(link.hash(), T0.plusSeconds(5), NoticedChange.NONE).isPresent());

        assertEquals(1, wins);
    }

    @Test
    void using_a_link_changes_its_account_as_stored_now_and_puts_the_notice_in_the_outbox_in_the_same_step() {
        LinkUseChecks.usingALinkChangesTheAccountAsStoredNowAndStoresTheNoticeWithIt(checked(verifications), users, outbox, jane, T0);
    }

    @Test
    void a_change_or_notice_that_fails_leaves_the_link_unused_the_account_as_it_was_and_no_notice() {
        LinkUseChecks.aChangeOrNoticeThatFailsLeavesTheLinkTheAccountAndTheOutboxAsTheyWere(checked(verifications), users, outbox, jane, T0);
    }

    @Test
    void of_sixteen_parallel_uses_on_two_instances_one_changes_the_account_and_one_notice_is_stored() throws Exception {
        LinkUseChecks.ofSixteenParallelUsesOnTwoInstancesOneChangesTheAccountAndMailsOneNotice(checked(verifications),
                checked(anotherInstance()), outbox, jane, T0);
    }

    private LinkUseChecks.LinkStore<EmailVerification> checked(EmailVerifications store) {
        return new LinkUseChecks.LinkStore<>() {
            @Override
            public EmailVerification issue(User user, Instant at) {
                EmailVerification link = EmailVerification.issue(aHash(), user.id(), user.email().orElseThrow(), at);
                store.issue(link, aMail());
                return link;
            }

            @Override
            public Optional<User> redeem(EmailVerification link, Instant at, NoticedChange change) {
                return store.redeem(link.hash(), at, change);
            }

            @Override
            public boolean isUsed(EmailVerification link) {
                return store.find(link.hash()).orElseThrow().usedAt().isPresent();
            }
        };
    }

    private EmailVerification issue(User user, Instant at) {
        EmailVerification link = EmailVerification.issue(aHash(), user.id(), user.email().orElseThrow(), at);
        verifications.issue(link, aMail());
        return link;
    }

    private static OutgoingMail aMail() {
        return OutgoingMail.of(new EmailAddress("jane@example.com"), MailTemplate.EMAIL_VERIFICATION,
                Map.of("username", "jane", "token", "t", "hours", "24"));
    }

    protected static User aUser(String name) {
        return User.register(new Username(name), new PasswordHash("$test$" + name), new EmailAddress(name + "@example.com"), null, T0);
    }

    protected static ResetTokenHash aHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new ResetTokenHash(HexFormat.of().formatHex(bytes));
    }
}
