package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.GuardedChange;
import dev.gatehouse.application.port.out.UserPage;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.port.out.UserSearch;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The database's users, read directly, with every write going through this process's
 * {@link CachingUserRepository}, which stores it and forgets the user at once. Other processes hear of it
 * through the database (LISTEN/NOTIFY); an embedded database has no other process, so this is all it needs.
 */
final class CacheForgettingUserRepository implements UserRepository {

    private final UserRepository database;
    private final CachingUserRepository cache;

    CacheForgettingUserRepository(UserRepository database, CachingUserRepository cache) {
        this.database = database;
        this.cache = cache;
    }

    @Override
    public AddUserOutcome add(User user) {
        return cache.add(user);
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return database.findByUsername(username);
    }

    @Override
    public Optional<User> findById(UserId id) {
        return database.findById(id);
    }

    @Override
    public Optional<User> change(UserId id, UnaryOperator<User> change) {
        return cache.change(id, change);
    }

    @Override
    public GuardedChange changeKeepingAnActiveHolder(Role role, UserId id, UnaryOperator<User> change) {
        return cache.changeKeepingAnActiveHolder(role, id, change);
    }

    @Override
    public boolean replacePasswordHash(UserId id, PasswordHash current, PasswordHash replacement) {
        return cache.replacePasswordHash(id, current, replacement);
    }

    @Override
    public UserPage search(UserSearch search) {
        return database.search(search);
    }
}
