package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.util.Optional;

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

    /** Replaces the stored state of an existing user (same id). Throws if the user does not exist. */
    void update(User user);

    /**
     * Replaces the user's password hash, atomically, but only while it still is {@code current}: upgrading a
     * hash after a login must not overwrite one that changed meanwhile (another login's upgrade, a password
     * change). True when it was replaced; false when it had changed or the user is gone.
     */
    boolean replacePasswordHash(UserId id, PasswordHash current, PasswordHash replacement);

    /** One page of the users whose username or email contains the search text, ignoring case, by username. */
    UserPage search(UserSearch search);
}
