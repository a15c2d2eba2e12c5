package dev.gatehouse.application.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AssertionReplays;
import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.application.port.out.ClientAssertions;
import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.application.port.out.OneTimePasswords;
import dev.gatehouse.application.port.out.Seals;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryConsents;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import org.junit.jupiter.api.Test;

class DrivenPortsTest {

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void build_names_every_required_port_that_was_not_set() {
        IllegalStateException nothingSet = assertThrows(IllegalStateException.class, () -> DrivenPorts.builder().build());
        assertEquals("DrivenPorts is missing required ports: users, cachedUsers, passwordHasher, registrationHasher, "
                + "passwordDirectory, passwordPolicy, accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, "
                + "knownDevices, auditLog, signingKeys, clients, passwordResets, mailOutbox, mailer, clock",
                nothingSet.getMessage());

        IllegalStateException clockSet = assertThrows(IllegalStateException.class,
                () -> DrivenPorts.builder().clock(clock).build());
        assertTrue(clockSet.getMessage().endsWith(" mailOutbox, mailer"), clockSet.getMessage());
    }

    @Test
    void the_ports_of_the_features_left_out_are_their_ports_none() {
        DrivenPorts ports = InMemoryDrivenPorts.builder(users, new FastPasswordHasher(), clock).build();

        // Each none() is one anonymous class, so its class tells it from any real adapter.
        assertSame(ClientAssertions.none().getClass(), ports.clientAssertions().getClass());
        assertSame(AssertionReplays.none().getClass(), ports.assertionReplays().getClass());
        assertSame(AuthorizationCodes.none().getClass(), ports.authorizationCodes().getClass());
        assertSame(Seals.none().getClass(), ports.seals().getClass());
        assertSame(EmailVerifications.none().getClass(), ports.emailVerifications().getClass());
        assertSame(TwoFactorCredentials.none().getClass(), ports.twoFactorCredentials().getClass());
        assertSame(MfaChallenges.none().getClass(), ports.mfaChallenges().getClass());
        assertSame(OneTimePasswords.none().getClass(), ports.oneTimePasswords().getClass());
        assertSame(IdTokens.none().getClass(), ports.idTokens().getClass());
        assertSame(ClientRepository.none().getClass(), ports.clientRepository().getClass());
        assertSame(Consents.none().getClass(), ports.consents().getClass());
        assertSame(BrowserSessionRegistry.none().getClass(), ports.browserSessionRegistry().getClass());
    }

    @Test
    void a_port_set_replaces_its_default_and_a_null_one_is_refused_where_it_is_passed() {
        InMemoryConsents consents = new InMemoryConsents();
        DrivenPorts.Builder builder = InMemoryDrivenPorts.builder(users, new FastPasswordHasher(), clock);

        assertSame(consents, builder.consents(consents).build().consents());
        NullPointerException refused = assertThrows(NullPointerException.class, () -> builder.consents(null));
        assertEquals("consents", refused.getMessage());
        NullPointerException required = assertThrows(NullPointerException.class, () -> builder.users(null));
        assertEquals("users", required.getMessage());
    }
}
