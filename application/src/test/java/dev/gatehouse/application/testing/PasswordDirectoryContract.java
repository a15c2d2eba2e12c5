package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.application.port.out.BindOutcome;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.PlainPassword;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PasswordDirectory} adapter must do. Extend it and return the adapter over a directory holding
 * exactly the entries given (an in-process server, a container, a test tree of a real directory), and one over a
 * directory that cannot be reached.
 */
public abstract class PasswordDirectoryContract {

    protected static final DirectoryEntry ALICE = new DirectoryEntry("alice");
    protected static final DirectoryEntry BOB = new DirectoryEntry("bob");
    protected static final DirectoryEntry CAROL = new DirectoryEntry("carol");
    protected static final PlainPassword ALICES = new PlainPassword("correct horse battery staple");
    protected static final PlainPassword BOBS = new PlainPassword("bob's own Passw0rd");
    protected static final PlainPassword CAROLS = new PlainPassword("pässwörd-密码-🔑");

    private PasswordDirectory directory;

    /** A directory holding exactly {@code entries}, each with its password, as the directory's operator set them. */
    protected abstract PasswordDirectory directoryHolding(Map<DirectoryEntry, PlainPassword> entries);

    /** An adapter whose directory cannot be reached (stopped, or a port nothing listens on). */
    protected abstract PasswordDirectory unreachableDirectory();

    @BeforeEach
    void create() {
        directory = directoryHolding(Map.of(ALICE, ALICES, BOB, BOBS, CAROL, CAROLS));
    }

    @Test
    void binds_each_entry_with_its_own_password() {
        assertEquals(BindOutcome.BOUND, directory.bind(ALICE, ALICES));
        assertEquals(BindOutcome.BOUND, directory.bind(BOB, BOBS));
    }

    @Test
    void refuses_a_wrong_password_without_throwing() {
        assertEquals(BindOutcome.REFUSED, directory.bind(ALICE, new PlainPassword("CORRECT HORSE BATTERY STAPLE")));
        assertEquals(BindOutcome.REFUSED, directory.bind(ALICE, new PlainPassword("correct horse battery")), "a prefix");
        assertEquals(BindOutcome.REFUSED, directory.bind(ALICE, new PlainPassword("correct horse battery staples")), "longer");
        assertEquals(BindOutcome.REFUSED, directory.bind(ALICE, BOBS), "another entry's password");
    }

    @Test
    void refuses_an_unknown_entry_whatever_the_password() {
        assertEquals(BindOutcome.REFUSED, directory.bind(new DirectoryEntry("mallory"), ALICES));
        assertEquals(BindOutcome.REFUSED, directory.bind(new DirectoryEntry("alice2"), ALICES));
    }

    /** Names an adapter must escape: in LDAP, a DN's separators and a filter's wildcards and parentheses. */
    @Test
    void refuses_names_that_only_look_like_an_entry_to_the_directory_s_syntax() {
        for (String name : List.of("*", "alice*", "alice,ou=people", "alice)(uid=*", "uid=alice", "alice\\", "\"alice\"", "#alice",
                "alice+cn=x", "alice;", "alice<>", "alice=")) {
            assertEquals(BindOutcome.REFUSED, directory.bind(new DirectoryEntry(name), ALICES), name);
        }
    }

    @Test
    void binds_a_password_outside_ascii_as_typed() {
        assertEquals(BindOutcome.BOUND, directory.bind(CAROL, CAROLS));
        assertEquals(BindOutcome.REFUSED, directory.bind(CAROL, new PlainPassword("passwort-密码-🔑")));
    }

    @Test
    void answers_each_of_many_parallel_binds_for_its_own_password() throws Exception {
        int binds = 48;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<BindOutcome>> answers = new ArrayList<>();
            for (int i = 0; i < binds; i++) {
                DirectoryEntry entry = i % 2 == 0 ? ALICE : BOB;
                PlainPassword password = switch (i % 4) {
                    case 0 -> ALICES;
                    case 1 -> BOBS;
                    case 2 -> BOBS; // alice with bob's password
                    default -> ALICES; // bob with alice's
                };
                Callable<BindOutcome> bind = () -> {
                    start.await();
                    return directory.bind(entry, password);
                };
                answers.add(pool.submit(bind));
            }
            start.countDown();
            for (int i = 0; i < binds; i++) {
                assertEquals(i % 4 < 2 ? BindOutcome.BOUND : BindOutcome.REFUSED, answers.get(i).get(), "bind " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void throws_store_unavailable_when_the_directory_cannot_be_reached() {
        PasswordDirectory unreachable = unreachableDirectory();

        assertThrows(StoreUnavailableException.class, () -> unreachable.bind(ALICE, ALICES));
        assertThrows(StoreUnavailableException.class, () -> unreachable.bind(new DirectoryEntry("mallory"), ALICES));
    }
}
