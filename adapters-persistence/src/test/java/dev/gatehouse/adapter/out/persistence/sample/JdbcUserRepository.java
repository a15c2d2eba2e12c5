package dev.gatehouse.adapter.out.persistence.sample;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.GuardedChange;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.port.out.UserPage;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.port.out.UserSearch;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@link UserRepository} on plain JDBC, without Hibernate: the worked example of docs/extending.md. It uses
 * the {@code users} table that Flyway creates, and case-insensitive uniqueness comes from that table's
 * {@code uq_users_username_canonical} constraint, never from a read before the write. Every call borrows
 * one connection and runs in auto-commit.
 */
public final class JdbcUserRepository implements UserRepository {

    // The SQL standard's state for a unique or primary key violation; PostgreSQL and H2 both report it.
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String UNIQUE_USERNAME_CONSTRAINT = "uq_users_username_canonical";

    private static final String COLUMNS =
            "id, username, email, full_name, password_hash, disabled, created_at, security_version, roles, email_verified";
    private static final String INSERT = "INSERT INTO users"
            + " (id, username, username_canonical, email, full_name, password_hash, disabled, created_at, updated_at,"
            + " security_version, roles, email_verified, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    private static final String UPDATE = "UPDATE users SET username = ?, username_canonical = ?, email = ?,"
            + " full_name = ?, password_hash = ?, disabled = ?, updated_at = ?, security_version = ?,"
            + " roles = ?, email_verified = ?, version = version + 1 WHERE id = ?";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcUserRepository(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** With the clock that stamps {@code updated_at}. */
    public JdbcUserRepository(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AddUserOutcome add(User user) {
        Objects.requireNonNull(user, "user");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, user.id().value());
            insert.setString(2, user.username().value());
            insert.setString(3, user.username().canonical());
            insert.setString(4, user.email().map(EmailAddress::value).orElse(null));
            insert.setString(5, user.fullName().map(FullName::value).orElse(null));
            insert.setString(6, user.passwordHash().encoded());
            insert.setBoolean(7, user.isDisabled());
            insert.setObject(8, timestamp(user.createdAt()));
            insert.setObject(9, timestamp(now()));
            insert.setLong(10, user.securityVersion());
            insert.setString(11, roles(user));
            insert.setBoolean(12, user.isEmailVerified());
            insert.executeUpdate();
            return AddUserOutcome.ADDED;
        } catch (SQLException e) {
            if (violatesUniqueUsername(e)) {
                return AddUserOutcome.USERNAME_TAKEN;
            }
            throw failure("add a user", e);
        }
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        Objects.requireNonNull(username, "username");
        return findOne("SELECT " + COLUMNS + " FROM users WHERE username_canonical = ?", username.canonical());
    }

    @Override
    public Optional<User> findById(UserId id) {
        Objects.requireNonNull(id, "id");
        return findOne("SELECT " + COLUMNS + " FROM users WHERE id = ?", id.value());
    }

    /**
     * One transaction on one connection: the row is locked ({@code SELECT ... FOR UPDATE}) before it is read, so
     * a concurrent change waits and then sees this one's result.
     */
    @Override
    public Optional<User> change(UserId id, UnaryOperator<User> change) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        return inTransaction("change a user", connection -> changeLocked(connection, id, change));
    }

    /**
     * Locks every active user who may hold the role, in id order, then the user, then counts the holders afresh:
     * while those locks are held, nobody else can take the role from them.
     */
    @Override
    public GuardedChange changeKeepingAnActiveHolder(Role role, UserId id, UnaryOperator<User> change) {
        Objects.requireNonNull(role, "role");
        return inTransaction("change a user keeping a holder of a role", connection -> changeGuarded(connection, role, id, change));
    }

    /** Work on one connection in one transaction. */
    private interface TransactionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs the work in a transaction and commits; rolls back on failure. A deadlock or serialization failure
     * (SQLSTATE class 40) means the database rolled this transaction back to let another finish: it runs again.
     */
    private <T> T inTransaction(String action, TransactionWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.apply(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (attempt < 5 && e.getSQLState() != null && e.getSQLState().startsWith("40")) {
                    continue;
                }
                throw failure(action, e);
            }
        }
    }

    private GuardedChange changeGuarded(Connection connection, Role role, UserId id, UnaryOperator<User> change) throws SQLException {
        String mayHold = "%" + role.name().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        List<User> holders = new ArrayList<>();
        // The account itself is locked in the same statement: every guarded change takes its locks in id order.
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM users WHERE (disabled = FALSE AND roles LIKE ? ESCAPE '!') OR id = ? ORDER BY id FOR UPDATE")) {
            lock.setString(1, mayHold);
            lock.setObject(2, id.value());
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    holders.add(toUser(rows));
                }
            }
        }
        long othersHolding = holders.stream().filter(user -> !user.id().equals(id) && user.isActive() && user.holds(role)).count();
        User[] verdict = new User[1];
        Optional<User> changed = changeLocked(connection, id, stored -> {
            User after = change.apply(stored);
            boolean takesTheLast = othersHolding == 0 && stored.isActive() && stored.holds(role) && !(after.isActive() && after.holds(role));
            verdict[0] = takesTheLast ? stored : null;
            return takesTheLast ? stored : after;
        });
        if (changed.isEmpty()) {
            return new GuardedChange.NoSuchUser();
        }
        return verdict[0] != null ? new GuardedChange.LastHolder(verdict[0]) : new GuardedChange.Changed(changed.get());
    }

    private Optional<User> changeLocked(Connection connection, UserId id, UnaryOperator<User> change) throws SQLException {
        User before;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ? FOR UPDATE")) {
            select.setObject(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                before = toUser(row);
            }
        }
        User after = Objects.requireNonNull(change.apply(before), "change must not answer null");
        if (!after.id().equals(id) || !after.username().equals(before.username())) {
            throw new IllegalArgumentException("a change must keep the user's id and username");
        }
        if (after.equals(before)) {
            return Optional.of(before);
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setString(1, after.username().value());
            update.setString(2, after.username().canonical());
            update.setString(3, after.email().map(EmailAddress::value).orElse(null));
            update.setString(4, after.fullName().map(FullName::value).orElse(null));
            update.setString(5, after.passwordHash().encoded());
            update.setBoolean(6, after.isDisabled());
            update.setObject(7, timestamp(now()));
            update.setLong(8, after.securityVersion());
            update.setString(9, roles(after));
            update.setBoolean(10, after.isEmailVerified());
            update.setObject(11, after.id().value());
            update.executeUpdate();
        }
        return Optional.of(after);
    }

    @Override
    public boolean replacePasswordHash(UserId id, PasswordHash current, PasswordHash replacement) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE users SET password_hash = ?, updated_at = ?,"
                     + " version = version + 1 WHERE id = ? AND password_hash = ?")) {
            update.setString(1, replacement.encoded());
            update.setObject(2, timestamp(now()));
            update.setObject(3, id.value());
            update.setString(4, current.encoded());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("replace a password hash", e);
        }
    }

    @Override
    public UserPage search(UserSearch search) {
        String pattern = "%" + search.text().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        String matching = " FROM users WHERE username_canonical LIKE ? ESCAPE '!' OR LOWER(email) LIKE ? ESCAPE '!'";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*)" + matching);
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + matching
                     + " ORDER BY username_canonical LIMIT ? OFFSET ?")) {
            count.setString(1, pattern);
            count.setString(2, pattern);
            long total;
            try (ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
            select.setString(1, pattern);
            select.setString(2, pattern);
            select.setInt(3, search.size());
            select.setInt(4, search.offset());
            List<User> users = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    users.add(toUser(row));
                }
            }
            return new UserPage(users, Math.max(total, users.size()));
        } catch (SQLException e) {
            throw failure("search users", e);
        }
    }

    private static String roles(User user) {
        return user.roles().stream().map(Role::name).collect(Collectors.joining(" "));
    }

    private Optional<User> findOne(String query, Object key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(query)) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(toUser(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read a user", e);
        }
    }

    private static User toUser(ResultSet row) throws SQLException {
        String email = row.getString("email");
        String fullName = row.getString("full_name");
        return new User(
                new UserId(row.getObject("id", UUID.class)),
                new Username(row.getString("username")),
                email == null ? null : new EmailAddress(email),
                fullName == null ? null : new FullName(fullName),
                new PasswordHash(row.getString("password_hash")),
                row.getBoolean("disabled"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getLong("security_version"),
                row.getString("roles").isEmpty() ? Set.of()
                        : Arrays.stream(row.getString("roles").split(" ")).map(Role::new).collect(Collectors.toSet()),
                row.getBoolean("email_verified"));
    }

    /** The username constraint, and only it: any other failure is not the port's answer but an error. */
    static boolean violatesUniqueUsername(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) && message.contains(UNIQUE_USERNAME_CONSTRAINT)) {
                return true;
            }
        }
        return false;
    }

    /** A connection that cannot be had is the port's transient failure; anything else is a bug or a broken schema. */
    private static RuntimeException failure(String action, SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return new StoreUnavailableException("cannot " + action + ": the database cannot be reached", e);
        }
        return new IllegalStateException("cannot " + action + ": " + e.getMessage(), e);
    }

    private Instant now() {
        // The precision both databases keep, so what is read back equals what was written.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** JDBC 4.2's type for TIMESTAMP WITH TIME ZONE, which PostgreSQL's and H2's drivers both accept. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
