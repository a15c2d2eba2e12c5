package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A link's use in memory: the account's change and its notice, the in-memory link stores' shared last step. */
final class InMemoryNoticedChanges {

    private InMemoryNoticedChanges() {
    }

    /**
     * Applies {@code change} to the account and, when it exists, marks the link used ({@code useLinks}) and puts the
     * notice in the outbox. The caller holds the outbox's and its own lock; a change that throws leaves all as it was.
     */
    static Optional<User> apply(UserRepository users, UserId account, NoticedChange change, Runnable useLinks,
                                InMemoryMailOutbox outbox, Instant at) {
        AtomicReference<Optional<OutgoingMail>> notice = new AtomicReference<>(Optional.empty());
        Optional<User> after = users.change(account, current -> {
            User changed = change.applyTo(current);
            notice.set(change.noticeFor(current, changed));
            return changed;
        });
        if (after.isPresent()) {
            useLinks.run();
            notice.get().ifPresent(mail -> outbox.enqueue(mail, at));
        }
        return after;
    }
}
