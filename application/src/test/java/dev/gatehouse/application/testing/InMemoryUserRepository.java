package dev.gatehouse.application.testing;

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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A thread-safe in-memory {@link UserRepository}, held honest by {@link UserRepositoryContract}. */
public final class InMemoryUserRepository implements UserRepository {

    private final ConcurrentMap<String, User> byCanonicalName = new ConcurrentHashMap<>();
    // Ids and usernames never change, so this index is written once per user: reads by id are look-ups, not walks.
    private final ConcurrentMap<UserId, String> canonicalNameById = new ConcurrentHashMap<>();

    @Override
    public AddUserOutcome add(User user) {
        String canonicalName = user.username().canonical();
        User previous = byCanonicalName.putIfAbsent(canonicalName, user);
        if (previous != null) {
            return AddUserOutcome.USERNAME_TAKEN;
        }
        canonicalNameById.put(user.id(), canonicalName);
        return AddUserOutcome.ADDED;
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return Optional.ofNullable(byCanonicalName.get(username.canonical()));
    }

    @Override
    public Optional<User> findById(UserId id) {
        String canonicalName = canonicalNameById.get(id);
        return canonicalName == null ? Optional.empty() : Optional.ofNullable(byCanonicalName.get(canonicalName));
    }

    @Override
    public boolean replacePasswordHash(UserId id, PasswordHash current, PasswordHash replacement) {
        Optional<User> stored = findById(id).filter(user -> user.passwordHash().equals(current));
        // replace(key, expected, new) is the compare-and-set: it fails if the user changed since it was read.
        return stored.isPresent() && byCanonicalName.replace(stored.get().username().canonical(), stored.get(),
                stored.get().withPasswordHash(replacement));
    }

    @Override
    public Optional<User> change(UserId id, UnaryOperator<User> change) {
        Optional<User> found = findById(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // computeIfPresent runs atomically for the key: the map's own lock is the row lock.
        return Optional.ofNullable(byCanonicalName.computeIfPresent(found.get().username().canonical(),
                (name, stored) -> stored.id().equals(id) ? sameUser(stored, change.apply(stored)) : stored));
    }

    @Override
    public synchronized GuardedChange changeKeepingAnActiveHolder(Role role, UserId id, UnaryOperator<User> change) {
        // Guarded changes are the only ones that take a role from an active user: one at a time keeps a holder.
        Optional<User> before = findById(id);
        if (before.isEmpty()) {
            return new GuardedChange.NoSuchUser();
        }
        User after = sameUser(before.get(), change.apply(before.get()));
        long othersHolding = byCanonicalName.values().stream()
                .filter(user -> !user.id().equals(id) && user.isActive() && user.holds(role))
                .count();
        if (othersHolding == 0 && before.get().isActive() && before.get().holds(role) && !(after.isActive() && after.holds(role))) {
            return new GuardedChange.LastHolder(before.get());
        }
        return change(id, stored -> sameUser(stored, change.apply(stored)))
                .<GuardedChange>map(GuardedChange.Changed::new)
                .orElseGet(GuardedChange.NoSuchUser::new);
    }

    private static User sameUser(User stored, User changed) {
        if (!changed.id().equals(stored.id()) || !changed.username().equals(stored.username())) {
            throw new IllegalArgumentException("a change must keep the user's id and username");
        }
        return changed;
    }

    @Override
    public UserPage search(UserSearch search) {
        String text = search.text().toLowerCase(Locale.ROOT);
        List<User> matching = byCanonicalName.values().stream()
                .filter(user -> user.username().canonical().contains(text)
                        || user.email().map(email -> email.value().toLowerCase(Locale.ROOT).contains(text)).orElse(false))
                .sorted(Comparator.comparing(user -> user.username().canonical()))
                .toList();
        return new UserPage(matching.stream().skip(search.offset()).limit(search.size()).toList(), matching.size());
    }
}
