package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.testing.RefreshTokensContract;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh token contract on one vendor, each test on a fresh database, plus what only the JPA adapter
 * promises: instances on one database share the tokens, and the schema keeps rows consistent with users.
 */
abstract class JpaRefreshTokensITBase extends RefreshTokensContract {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;
    private Database database;

    /** A new, empty database of the vendor under test. */
    protected abstract DatabaseSettings freshSettings();

    @Override
    protected Stores newEmptyStores() {
        settings = freshSettings();
        database = databases.open(settings);
        return new Stores(database.refreshTokens(), database.users());
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Test
    void lets_exactly_one_of_concurrent_rotations_on_two_instances_win() throws Exception {
        RefreshTokens here = database.refreshTokens();
        RefreshTokens there = databases.open(settings).refreshTokens();
        RefreshTokenHash first = startSession(here, aUser("racer"), T0);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        List<RefreshTokenHash> nexts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            RefreshTokens instance = i % 2 == 0 ? here : there;
            RefreshTokenHash next = aHash();
            nexts.add(next);
            attempts.add(() -> {
                start.await();
                return instance.rotate(first, next, T0.plusSeconds(1));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (Callable<Boolean> attempt : attempts) {
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> outcome : outcomes) {
                wins += outcome.get() ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, nexts.stream().filter(next -> there.find(next).isPresent()).count(),
                "only the winner's next token was stored");
    }

    @Test
    void refuses_to_rotate_into_a_hash_already_issued_and_changes_nothing() {
        RefreshTokens tokens = database.refreshTokens();
        User user = aUser("clash");
        RefreshTokenHash first = startSession(tokens, user, T0);
        RefreshTokenHash other = startSession(tokens, user, T0);

        assertFalse(tokens.rotate(first, other, T0.plusSeconds(1)));

        assertEquals(Optional.empty(), tokens.find(first).orElseThrow().rotatedAt());
        assertTrue(tokens.rotate(first, aHash(), T0.plusSeconds(2)), "the refused rotation left the token usable");
    }

    @Test
    void stores_and_answers_instants_to_the_microsecond() {
        RefreshTokens tokens = database.refreshTokens();
        Instant withNanos = Instant.parse("2026-11-22T10:15:30.123456789Z");
        Instant micros = Instant.parse("2026-11-22T10:15:30.123456Z");
        RefreshTokenHash first = startSession(tokens, aUser("precise"), withNanos);
        RefreshTokenHash second = aHash();
        tokens.rotate(first, second, withNanos.plusSeconds(1));

        RefreshToken found = tokens.find(first).orElseThrow();
        assertEquals(micros, found.issuedAt());
        assertEquals(micros, found.session().startedAt());
        assertEquals(Optional.of(micros.plusSeconds(1)), found.rotatedAt());
        assertEquals(micros.plusSeconds(1), tokens.find(second).orElseThrow().issuedAt());
    }

    @Test
    void keeps_every_scope_of_a_session() {
        RefreshTokens tokens = database.refreshTokens();
        Set<Scope> scopes = Set.of(new Scope("me"), new Scope("items:read"), new Scope("https://api.example.com/admin"));
        RefreshSession session = RefreshSession.start(aUser("scoped"), scopes, T0);
        RefreshTokenHash first = aHash();
        tokens.start(session, first, T0);

        assertEquals(scopes, tokens.find(first).orElseThrow().session().scopes());
    }

    @Test
    void refuses_a_session_whose_scopes_do_not_fit_the_column() {
        Set<Scope> scopes = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            scopes.add(new Scope("s".repeat(120) + i));
        }
        RefreshSession session = RefreshSession.start(aUser("greedy"), scopes, T0);

        assertThrows(IllegalArgumentException.class, () -> database.refreshTokens().start(session, aHash(), T0));
    }

    @Test
    void refuses_a_session_of_a_user_it_does_not_have() {
        User stranger = User.register(new Username("stranger"), new PasswordHash("$test$x"), null, null, T0);
        RefreshSession session = RefreshSession.start(stranger, Set.of(), T0);
        RefreshTokenHash first = aHash();

        assertThrows(RuntimeException.class, () -> database.refreshTokens().start(session, first, T0));
        assertTrue(database.refreshTokens().find(first).isEmpty());
    }

    @Test
    void deleting_a_user_deletes_its_sessions_and_their_tokens() throws SQLException {
        RefreshTokens tokens = database.refreshTokens();
        User gone = aUser("gone");
        RefreshTokenHash first = startSession(tokens, gone, T0);
        RefreshTokenHash second = aHash();
        tokens.rotate(first, second, T0.plusSeconds(1));
        RefreshTokenHash someoneElses = startSession(tokens, aUser("stays"), T0);

        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
            delete.setObject(1, gone.id().value());
            assertEquals(1, delete.executeUpdate());
        }

        assertTrue(tokens.find(first).isEmpty());
        assertTrue(tokens.find(second).isEmpty());
        assertTrue(tokens.find(someoneElses).isPresent());
    }

    private User aUser(String name) {
        User user = User.register(new Username(name), new PasswordHash("$test$" + name), null, null, T0);
        database.users().add(user);
        return user;
    }

    private static RefreshTokenHash startSession(RefreshTokens tokens, User user, Instant at) {
        RefreshTokenHash first = aHash();
        tokens.start(RefreshSession.start(user, Set.of(), at), first, at);
        return first;
    }

    private static RefreshTokenHash aHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new RefreshTokenHash(HexFormat.of().formatHex(bytes));
    }
}
