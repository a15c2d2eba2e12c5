package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where users live. Usernames are unique case-insensitively, and an adapter must decide that atomically
 * (a database constraint, not a read before the write). Every adapter passes {@code UserRepositoryContract}.
 */
public interface UserRepository {

    /** Stores a new user, or answers {@link AddUserOutcome#USERNAME_TAKEN} and changes nothing. */
    AddUserOutcome add(User user);

    /** Finds a user by username, ignoring case. */
    Optional<User> findByUsername(Username username);

    Optional<User> findById(UserId id);

    /**
     * Applies {@code change} to the user as stored now and stores what it answers, atomically: no other write to
     * the user, on any instance, comes between the read and the write, so no use case can undo another's change.
     * Answers the user as stored afterwards, or empty when there is no such user. {@code change} must only
     * compute (an adapter may run it again after a write conflict) and keep the id; answering its argument
     * unchanged writes nothing. Work as slow as hashing belongs before the call, with {@code change} checking
     * that what it relied on (the hash, the account being active) still holds.
     */
    Optional<User> change(UserId id, UnaryOperator<User> change);

    /**
     * Like {@link #change}, for a change that may take {@code role} away from an active user (removing it, or
     * disabling the user): refused, changing nothing, when afterwards no active user would hold the role. Such
     * guarded changes of one role are decided one after another on every instance, so two administrators demoting
     * each other at once cannot leave none. Only guarded changes may take a role from an active user.
     */
    GuardedChange changeKeepingAnActiveHolder(Role role, UserId id, UnaryOperator<User> change);

    /**
     * Replaces the user's password hash, atomically, but only while it still is {@code current}: upgrading a
     * hash after a login must not overwrite one that changed meanwhile (another login's upgrade, a password
     * change). True when it was replaced; false when it had changed or the user is gone.
     */
    boolean replacePasswordHash(UserId id, PasswordHash current, PasswordHash replacement);

    /** One page of the users whose username or email contains the search text, ignoring case, by username. */
    UserPage search(UserSearch search);
}
