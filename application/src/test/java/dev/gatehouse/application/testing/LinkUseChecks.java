package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.ClaimedMail;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What both link stores ({@code PasswordResets}, {@code EmailVerifications}) promise about a link's use that changes its
 * account: the use, the change and its notice are stored together or not at all. Run by both contracts.
 */
final class LinkUseChecks {

    /** One link store as the checks see it; {@code L} is its kind of link. */
    interface LinkStore<L> {

        /** Issues a link of {@code user}'s at {@code at}, with its mail. */
        L issue(User user, Instant at);

        Optional<User> redeem(L link, Instant at, NoticedChange change);

        boolean isUsed(L link);
    }

    private static final PasswordHash CHANGED = new PasswordHash("$test$changed");

    private LinkUseChecks() {
    }

    static <L> void usingALinkChangesTheAccountAsStoredNowAndStoresTheNoticeWithIt(LinkStore<L> store, UserRepository users,
                                                                                  MailOutbox outbox, User owner, Instant at) {
        L link = store.issue(owner, at);
        // Changed elsewhere after the link was issued: the use changes the account as it is now, keeping this.
        users.change(owner.id(), User::disable).orElseThrow();
        users.change(owner.id(), User::enable).orElseThrow();
        OutgoingMail notice = aNotice(owner);

        Optional<User> after = store.redeem(link, at.plusSeconds(1), new NoticedChange(current -> current.changePassword(CHANGED),
                (before, changed) -> before.securityVersion() < changed.securityVersion() ? Optional.of(notice) : Optional.empty()));

        assertEquals(Optional.of(CHANGED), after.map(User::passwordHash));
        assertEquals(Optional.of(owner.securityVersion() + 2), after.map(User::securityVersion), "onto the account as stored now");
        assertEquals(Optional.of(CHANGED), users.findById(owner.id()).map(User::passwordHash));
        assertTrue(store.isUsed(link));
        assertEquals(1, mailsTo(outbox, notice, at.plusSeconds(1)), "the notice is in the outbox once");
    }

    static <L> void aChangeOrNoticeThatFailsLeavesTheLinkTheAccountAndTheOutboxAsTheyWere(LinkStore<L> store, UserRepository users,
                                                                                          MailOutbox outbox, User owner, Instant at) {
        L link = store.issue(owner, at);
        long mailsBefore = outbox.pending();

        assertThrows(IllegalStateException.class, () -> store.redeem(link, at.plusSeconds(1), new NoticedChange(current -> {
            throw new IllegalStateException("the change fails");
        }, (before, after) -> Optional.of(aNotice(owner)))));
        assertThrows(IllegalStateException.class, () -> store.redeem(link, at.plusSeconds(1), new NoticedChange(
                current -> current.changePassword(CHANGED), (before, after) -> {
                    throw new IllegalStateException("the notice fails");
                })));

        assertFalse(store.isUsed(link), "the link is still unused");
        assertEquals(Optional.of(owner.passwordHash()), users.findById(owner.id()).map(User::passwordHash), "the account as it was");
        assertEquals(mailsBefore, outbox.pending(), "no notice");
        assertTrue(store.redeem(link, at.plusSeconds(2), NoticedChange.NONE).isPresent(), "and the link still works");
    }

    static <L> void ofSixteenParallelUsesOnTwoInstancesOneChangesTheAccountAndMailsOneNotice(LinkStore<L> one, LinkStore<L> other,
                                                                                             MailOutbox outbox, User owner, Instant at)
            throws Exception {
        L link = one.issue(owner, at);
        OutgoingMail notice = aNotice(owner);
        NoticedChange change = new NoticedChange(current -> current.changePassword(CHANGED), (before, after) -> Optional.of(notice));
        int wins = Races.winners(16, i -> (i % 2 == 0 ? one : other).redeem(link, at.plusSeconds(5), change).isPresent());

        assertEquals(1, wins);
        assertEquals(1, mailsTo(outbox, notice, at.plusSeconds(5)), "one notice");
    }

    private static OutgoingMail aNotice(User owner) {
        return OutgoingMail.of(owner.email().orElseThrow(), MailTemplate.PASSWORD_CHANGED, Map.of("username", owner.username().value()));
    }

    private static long mailsTo(MailOutbox outbox, OutgoingMail notice, Instant now) {
        return outbox.claim(100, now, Duration.ofMinutes(1)).stream().map(ClaimedMail::mail).filter(notice::equals).count();
    }
}
