package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.ClaimedMail;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PasswordReset;
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
 * What every {@link PasswordResets} adapter must do: store a link with its mail, and let a link be used once, before it
 * expires, also when many use it at once. Extend it and return the adapter with the outbox and users over the same
 * storage, all empty.
 */
public abstract class PasswordResetsContract {

    /** The store under test, the outbox its links' mails go to, and the users they belong to, over one storage. */
    public record Stores(PasswordResets resets, MailOutbox outbox, UserRepository users) {
    }

    protected static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private PasswordResets resets;
    private MailOutbox outbox;
    private UserRepository users;
    private User jane;
    private User john;

    protected abstract Stores newEmptyStores();

    /** The store of a second instance over the same storage as the last {@link #newEmptyStores()}. */
    protected PasswordResets anotherInstance() {
        return resets;
    }

    @BeforeEach
    void create() {
        Stores stores = newEmptyStores();
        resets = stores.resets();
        outbox = stores.outbox();
        users = stores.users();
        jane = aUser("jane");
        john = aUser("john");
        users.add(jane);
        users.add(john);
    }

    @Test
    void stores_a_link_and_puts_its_mail_in_the_outbox() {
        PasswordReset reset = PasswordReset.issue(aHash(), jane.id(), T0);
        OutgoingMail mail = aMail();

        resets.issue(reset, mail);

        assertEquals(Optional.of(reset), resets.find(reset.hash()));
        List<ClaimedMail> claimed = outbox.claim(10, T0, Duration.ofMinutes(1));
        assertEquals(List.of(mail), claimed.stream().map(ClaimedMail::mail).toList());
    }

    @Test
    void finds_no_link_that_was_never_issued() {
        assertEquals(Optional.empty(), resets.find(aHash()));
        assertFalse(resets.redeem(aHash(), T0, NoticedChange.NONE).isPresent());
    }

    @Test
    void lets_a_link_be_used_once() {
        PasswordReset reset = issue(jane, T0);

        assertTrue(resets.redeem(reset.hash(), T0.plusSeconds(60), NoticedChange.NONE).isPresent());

        assertFalse(resets.redeem(reset.hash(), T0.plusSeconds(61), NoticedChange.NONE).isPresent());
        assertEquals(Optional.of(T0.plusSeconds(60)), resets.find(reset.hash()).orElseThrow().usedAt());
    }

    @Test
    void refuses_a_link_that_expired() {
        PasswordReset reset = issue(jane, T0);

        assertFalse(resets.redeem(reset.hash(), reset.expiresAt(), NoticedChange.NONE).isPresent());

        assertEquals(Optional.empty(), resets.find(reset.hash()).orElseThrow().usedAt());
        assertTrue(resets.redeem(reset.hash(), reset.expiresAt().minusMillis(1), NoticedChange.NONE).isPresent(), "usable until just before it expires");
    }

    @Test
    void using_a_link_uses_up_every_other_link_of_the_account_and_no_one_elses() {
        PasswordReset older = issue(jane, T0);
        PasswordReset used = issue(jane, T0.plusSeconds(10));
        PasswordReset johns = issue(john, T0);

        assertTrue(resets.redeem(used.hash(), T0.plusSeconds(20), NoticedChange.NONE).isPresent());

        assertFalse(resets.redeem(older.hash(), T0.plusSeconds(21), NoticedChange.NONE).isPresent());
        assertTrue(resets.redeem(johns.hash(), T0.plusSeconds(21), NoticedChange.NONE).isPresent());
    }

    @Test
    void forgets_links_that_expired_before_the_cutoff() {
        PasswordReset old = issue(jane, T0);
        PasswordReset recent = issue(jane, T0.plus(Duration.ofHours(1)));

        assertEquals(1, resets.forgetExpiredBefore(T0.plus(Duration.ofMinutes(31))));

        assertEquals(Optional.empty(), resets.find(old.hash()));
        assertTrue(resets.find(recent.hash()).isPresent());
    }

    @Test
    void lets_exactly_one_of_many_parallel_uses_of_a_link_win() throws Exception {
        PasswordResets other = anotherInstance();
        PasswordReset reset = issue(jane, T0);
        int wins = Races.winners(16, i -> (i % 2 == 0 ? resets : other)
                .redeem(reset.hash(), T0.plusSeconds(5), NoticedChange.NONE).isPresent());

        assertEquals(1, wins);
    }

    @Test
    void using_a_link_changes_its_account_as_stored_now_and_puts_the_notice_in_the_outbox_in_the_same_step() {
        LinkUseChecks.usingALinkChangesTheAccountAsStoredNowAndStoresTheNoticeWithIt(checked(resets), users, outbox, jane, T0);
    }

    @Test
    void a_change_or_notice_that_fails_leaves_the_link_unused_the_account_as_it_was_and_no_notice() {
        LinkUseChecks.aChangeOrNoticeThatFailsLeavesTheLinkTheAccountAndTheOutboxAsTheyWere(checked(resets), users, outbox, jane, T0);
    }

    @Test
    void of_sixteen_parallel_uses_on_two_instances_one_changes_the_account_and_one_notice_is_stored() throws Exception {
        LinkUseChecks.ofSixteenParallelUsesOnTwoInstancesOneChangesTheAccountAndMailsOneNotice(checked(resets),
                checked(anotherInstance()), outbox, jane, T0);
    }

    private LinkUseChecks.LinkStore<PasswordReset> checked(PasswordResets store) {
        return new LinkUseChecks.LinkStore<>() {
            @Override
            public PasswordReset issue(User user, Instant at) {
                PasswordReset link = PasswordReset.issue(aHash(), user.id(), at);
                store.issue(link, aMail());
                return link;
            }

            @Override
            public Optional<User> redeem(PasswordReset link, Instant at, NoticedChange change) {
                return store.redeem(link.hash(), at, change);
            }

            @Override
            public boolean isUsed(PasswordReset link) {
                return store.find(link.hash()).orElseThrow().usedAt().isPresent();
            }
        };
    }

    private PasswordReset issue(User user, Instant at) {
        PasswordReset reset = PasswordReset.issue(aHash(), user.id(), at);
        resets.issue(reset, aMail());
        return reset;
    }

    private static OutgoingMail aMail() {
        return OutgoingMail.of(new EmailAddress("jane@example.com"), MailTemplate.PASSWORD_RESET,
                Map.of("username", "jane", "token", "t", "minutes", "30"));
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
