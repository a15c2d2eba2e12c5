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
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@link UserRepository} on a relational database through JPA. Each call runs in its own entity manager
 * and transaction. Case-insensitive uniqueness is the database's unique constraint on
 * {@code username_canonical}; its violation becomes {@link AddUserOutcome#USERNAME_TAKEN}.
 */
public final class JpaUserRepository implements UserRepository {

    static final String UNIQUE_USERNAME_CONSTRAINT = "uq_users_username_canonical";
    private static final int MAX_GUARDED_ATTEMPTS = 5;

    private final EntityManagerFactory entityManagerFactory;
    private final Clock clock;

    public JpaUserRepository(EntityManagerFactory entityManagerFactory) {
        this(entityManagerFactory, Clock.systemUTC());
    }

    /** With the clock that stamps {@code updated_at}. */
    public JpaUserRepository(EntityManagerFactory entityManagerFactory, Clock clock) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AddUserOutcome add(User user) {
        Objects.requireNonNull(user, "user");
        try {
            return inTransaction(entityManager -> {
                entityManager.persist(UserJpaMapper.toNewEntity(user, now()));
                // Flush inside the transaction so a constraint violation surfaces here, not at commit.
                entityManager.flush();
                return AddUserOutcome.ADDED;
            });
        } catch (RuntimeException e) {
            if (violatesUniqueUsername(e)) {
                return AddUserOutcome.USERNAME_TAKEN;
            }
            throw e;
        }
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        Objects.requireNonNull(username, "username");
        return inTransaction(entityManager -> entityManager
                .createQuery("select u from UserJpaEntity u where u.usernameCanonical = :canonical", UserJpaEntity.class)
                .setParameter("canonical", username.canonical())
                .getResultStream()
                .findFirst()
                .map(UserJpaMapper::toDomain));
    }

    @Override
    public Optional<User> findById(UserId id) {
        Objects.requireNonNull(id, "id");
        return inTransaction(entityManager -> Optional
                .ofNullable(entityManager.find(UserJpaEntity.class, id.value()))
                .map(UserJpaMapper::toDomain));
    }

    /**
     * {@inheritDoc} The row is read with {@code SELECT ... FOR UPDATE}, so a concurrent change on any instance
     * waits for this transaction and then sees its result; {@code change} runs once.
     */
    @Override
    public Optional<User> change(UserId id, UnaryOperator<User> change) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        return inTransaction(entityManager -> {
            UserJpaEntity stored = entityManager.find(UserJpaEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE);
            if (stored == null) {
                return Optional.empty();
            }
            return Optional.of(written(stored, change, now()).after());
        });
    }

    /** An account as it was and as a change left it. */
    record Written(User before, User after) {
    }

    /**
     * Applies {@code change} to the locked row {@code stored} and writes into it what changed (stamped {@code now}):
     * the one way every unguarded change writes an account, here and in a link's use ({@link JpaLinkUse}).
     */
    static Written written(UserJpaEntity stored, UnaryOperator<User> change, Instant now) {
        User before = UserJpaMapper.toDomain(stored);
        User after = applied(before, change);
        if (!after.equals(before)) {
            UserJpaMapper.copyInto(after, stored, now);
        }
        return new Written(before, after);
    }

    /**
     * {@inheritDoc} The rows of every active user who may hold the role are locked first, in id order (so two guarded
     * changes wait for each other instead of deadlocking), then the holders are counted afresh: while those locks
     * are held nobody else can take the role from them.
     */
    @Override
    public GuardedChange changeKeepingAnActiveHolder(Role role, UserId id, UnaryOperator<User> change) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(entityManager -> changeGuarded(entityManager, role, id, change));
            } catch (RuntimeException e) {
                // Who holds the role can change while a guarded change waits for its locks; a deadlock between two is
                // settled by the database rolling one back, and that one simply runs again.
                if (attempt >= MAX_GUARDED_ATTEMPTS || !ConstraintViolations.isLockConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private GuardedChange changeGuarded(EntityManager entityManager, Role role, UserId id, UnaryOperator<User> change) {
        // LIKE finds a superset (a role whose name contains this one); the exact test is in Java. The account itself
        // is locked in the same statement, so every guarded change takes its locks in one order: by id.
        String mayHold = "%" + escapeLike(role.name()) + "%";
        boolean exists = entityManager.createQuery("select u from UserJpaEntity u"
                        + " where (u.disabled = false and u.roles like :role escape '!') or u.id = :id order by u.id", UserJpaEntity.class)
                .setParameter("role", mayHold)
                .setParameter("id", id.value())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .anyMatch(row -> row.getId().equals(id.value()));
        if (!exists) {
            return new GuardedChange.NoSuchUser();
        }
        // Counted from the committed rows (a scalar query: the entities above may be the state before the wait).
        long othersHolding = entityManager.createQuery("select u.id, u.roles from UserJpaEntity u"
                        + " where u.disabled = false and u.roles like :role escape '!' and u.id <> :id", Object[].class)
                .setParameter("role", mayHold)
                .setParameter("id", id.value())
                .getResultStream()
                .filter(row -> UserJpaMapper.roles((String) row[1]).contains(role))
                .count();
        UserJpaEntity stored = entityManager.find(UserJpaEntity.class, id.value());
        entityManager.refresh(stored);
        User before = UserJpaMapper.toDomain(stored);
        User after = applied(before, change);
        if (othersHolding == 0 && before.isActive() && before.holds(role) && !(after.isActive() && after.holds(role))) {
            return new GuardedChange.LastHolder(before);
        }
        if (!after.equals(before)) {
            UserJpaMapper.copyInto(after, stored, now());
        }
        return new GuardedChange.Changed(after);
    }

    @Override
    public boolean replacePasswordHash(UserId id, PasswordHash current, PasswordHash replacement) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(replacement, "replacement");
        // One conditional UPDATE is the compare-and-set; the version bump keeps optimistic locking honest.
        return inTransaction(entityManager -> entityManager
                .createQuery("update UserJpaEntity u set u.passwordHash = :replacement, u.updatedAt = :now,"
                        + " u.version = u.version + 1 where u.id = :id and u.passwordHash = :current")
                .setParameter("replacement", replacement.encoded())
                .setParameter("now", now())
                .setParameter("id", id.value())
                .setParameter("current", current.encoded())
                .executeUpdate()) == 1;
    }

    private static User applied(User before, UnaryOperator<User> change) {
        User after = Objects.requireNonNull(change.apply(before), "change must not answer null");
        if (!after.id().equals(before.id()) || !after.username().equals(before.username())) {
            throw new IllegalArgumentException("a change must keep the user's id and username");
        }
        return after;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }

    private Instant now() {
        // The precision both databases keep, so what is read back equals what was written.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Whether the failure is the username constraint, whichever layer (Hibernate, JDBC) reports it. */
    static boolean violatesUniqueUsername(Throwable failure) {
        return ConstraintViolations.isUniqueViolationOf(failure, UNIQUE_USERNAME_CONSTRAINT);
    }

    @Override
    public UserPage search(UserSearch search) {
        Objects.requireNonNull(search, "search");
        String pattern = "%" + escapeLike(search.text().toLowerCase(Locale.ROOT)) + "%";
        String matching = " from UserJpaEntity u where u.usernameCanonical like :pattern escape '!'"
                + " or lower(u.email) like :pattern escape '!'";
        return inTransaction(entityManager -> {
            long total = entityManager.createQuery("select count(u)" + matching, Long.class)
                    .setParameter("pattern", pattern)
                    .getSingleResult();
            List<User> users = entityManager.createQuery("select u" + matching + " order by u.usernameCanonical",
                            UserJpaEntity.class)
                    .setParameter("pattern", pattern)
                    .setFirstResult(search.offset())
                    .setMaxResults(search.size())
                    .getResultStream()
                    .map(UserJpaMapper::toDomain)
                    .toList();
            return new UserPage(users, Math.max(total, users.size()));
        });
    }

    /** The text matched literally: LIKE's wildcards and the escape character itself are escaped. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
