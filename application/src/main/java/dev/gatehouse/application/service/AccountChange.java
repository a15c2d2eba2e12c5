package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.out.GuardedChange;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.Role;
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

    /**
     * A change that may take the {@code admin} role from an active account (disabling it, removing the role), asked by
     * an administrator's token: refused as {@link AdminResult.Refusal#OWN_ACCOUNT} when the administrator acting is
     * that account, and as {@link AdminResult.Refusal#LAST_ADMINISTRATOR} when no active administrator would be left
     * (two administrators demoting each other at once). The console, whose operator can always make a new
     * administrator ({@code create-user --admin}), is not held to either.
     */
    static AdminResult<AccountChange> applyKeepingAnAdministrator(UserRepository users, AccountAction action, String actorName,
                                                                  User account, UnaryOperator<User> change) {
        if (action.actor() instanceof Actor.Console) {
            return apply(users, account.id(), change).<AdminResult<AccountChange>>map(AdminResult.Done::new)
                    .orElseGet(() -> new AdminResult.Refused<>(AdminResult.Refusal.NO_SUCH_USER));
        }
        User preview = change.apply(account);
        boolean takesAdmin = account.isActive() && account.holds(Role.ADMIN) && !(preview.isActive() && preview.holds(Role.ADMIN));
        if (takesAdmin && actorName.equals(account.username().value())) {
            return new AdminResult.Refused<>(AdminResult.Refusal.OWN_ACCOUNT);
        }
        AtomicBoolean changed = new AtomicBoolean();
        return switch (users.changeKeepingAnActiveHolder(Role.ADMIN, account.id(), stored -> {
            User after = change.apply(stored);
            changed.set(!after.equals(stored));
            return after;
        })) {
            case GuardedChange.Changed(User user) -> new AdminResult.Done<>(new AccountChange(user, changed.get()));
            case GuardedChange.LastHolder lastHolder -> new AdminResult.Refused<>(AdminResult.Refusal.LAST_ADMINISTRATOR);
            case GuardedChange.NoSuchUser noSuchUser -> new AdminResult.Refused<>(AdminResult.Refusal.NO_SUCH_USER);
        };
    }

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
