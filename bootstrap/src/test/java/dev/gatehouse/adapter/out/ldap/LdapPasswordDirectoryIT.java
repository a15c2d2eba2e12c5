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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The LDAP adapter against an LDAP server on a socket: the port's contract, and what LDAP adds to it. */
class LdapPasswordDirectoryIT extends PasswordDirectoryContract {

    static final String PEOPLE = "ou=people,dc=example,dc=org";

    private TinyLdapServer server;
    private Socket reservedPort;

    @Override
    protected PasswordDirectory directoryHolding(Map<DirectoryEntry, PlainPassword> entries) {
        server = TinyLdapServer.start();
        entries.forEach((entry, password) -> server.add("uid=" + entry.name() + "," + PEOPLE, password.value()));
        return new LdapPasswordDirectory(server.url(), "uid", PEOPLE, Duration.ofSeconds(5));
    }

    /**
     * A port held by a socket that is bound but never listens: a connection to it is refused. A stopped server's port
     * was free for anyone, and once in a full build the bind got an answer: another server took the port, or the
     * client's own connection did (a TCP self-connect, when the kernel picks the destination port as the source).
     */
    @Override
    protected PasswordDirectory unreachableDirectory() {
        try {
            reservedPort = new Socket();
            reservedPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LdapPasswordDirectory("ldap://127.0.0.1:" + reservedPort.getLocalPort(), "uid", PEOPLE,
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
        if (reservedPort != null) {
            reservedPort.close();
        }
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
