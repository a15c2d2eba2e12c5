package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * One atomic change to an account ({@link UserRepository#change}), applied to the account as stored at that
 * moment rather than as read earlier, and whether it changed anything, so a use case records and revokes only
 * what it really did.
 */
record AccountChange(User user, boolean changed) {

    /** Empty when the account no longer exists. */
    static Optional<AccountChange> apply(UserRepository users, UserId id, UnaryOperator<User> change) {
        AtomicBoolean changed = new AtomicBoolean();
        return users.change(id, stored -> {
            User after = change.apply(stored);
            // Set on every run: an adapter may run the change again, and the last run is the one stored.
            changed.set(!after.equals(stored));
            return after;
        }).map(user -> new AccountChange(user, changed.get()));
    }
}
