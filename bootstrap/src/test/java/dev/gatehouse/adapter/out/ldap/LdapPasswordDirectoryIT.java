package dev.gatehouse.adapter.out.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.BindOutcome;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.testing.PasswordDirectoryContract;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.PlainPassword;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The LDAP adapter against an LDAP server on a socket: the port's contract, and what LDAP adds to it. */
class LdapPasswordDirectoryIT extends PasswordDirectoryContract {

    static final String PEOPLE = "ou=people,dc=example,dc=org";

    private TinyLdapServer server;

    @Override
    protected PasswordDirectory directoryHolding(Map<DirectoryEntry, PlainPassword> entries) {
        server = TinyLdapServer.start();
        entries.forEach((entry, password) -> server.add("uid=" + entry.name() + "," + PEOPLE, password.value()));
        return new LdapPasswordDirectory(server.url(), "uid", PEOPLE, Duration.ofSeconds(5));
    }

    @Override
    protected PasswordDirectory unreachableDirectory() {
        TinyLdapServer stopped = TinyLdapServer.start();
        stopped.close(); // nothing listens on its port any more
        return new LdapPasswordDirectory(stopped.url(), "uid", PEOPLE, Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void binds_as_the_entry_s_distinguished_name_with_the_name_escaped() {
        PasswordDirectory directory = new LdapPasswordDirectory(server.url(), "uid", PEOPLE, Duration.ofSeconds(5));

        directory.bind(new DirectoryEntry("alice"), ALICES);
        directory.bind(new DirectoryEntry("alice,ou=admins"), ALICES);
        directory.bind(new DirectoryEntry("x+cn=y\\"), ALICES);

        assertEquals(List.of("uid=alice," + PEOPLE, "uid=alice\\,ou\\=admins," + PEOPLE, "uid=x\\+cn\\=y\\\\," + PEOPLE),
                server.boundAs());
    }

    @Test
    void a_directory_that_does_not_answer_in_time_is_unavailable_not_a_refusal() {
        PasswordDirectory impatient = new LdapPasswordDirectory(server.url(), "uid", PEOPLE, Duration.ofMillis(300));
        server.goSilent();
        long started = System.nanoTime();

        assertThrows(StoreUnavailableException.class, () -> impatient.bind(new DirectoryEntry("alice"), ALICES));

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < 3_000, "gave up after " + tookMillis + " ms");
    }

    @Test
    void each_bind_reaches_the_server_once() {
        PasswordDirectory directory = new LdapPasswordDirectory(server.url(), "uid", PEOPLE, Duration.ofSeconds(5));

        assertEquals(BindOutcome.BOUND, directory.bind(new DirectoryEntry("bob"), BOBS));
        assertEquals(BindOutcome.REFUSED, directory.bind(new DirectoryEntry("bob"), ALICES));

        assertEquals(2, server.binds());
    }
}
