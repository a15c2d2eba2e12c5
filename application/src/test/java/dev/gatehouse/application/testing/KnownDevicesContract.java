package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KnownDevices} adapter must do. Extend it; {@link #newKnownDevices()} may be called twice,
 * and two instances must not accept each other's credentials unless they share a key by configuration.
 */
public abstract class KnownDevicesContract {

    private final User jane = User.register(new Username("jane"), new PasswordHash("$test$jane"), null, null, Instant.EPOCH);
    private KnownDevices devices;

    protected abstract KnownDevices newKnownDevices();

    @BeforeEach
    void create() {
        devices = newKnownDevices();
    }

    @Test
    void recognises_a_device_it_enrolled_for_the_same_user() {
        String credential = devices.enrol(jane);

        assertTrue(devices.recognise(credential, jane).isPresent());
    }

    @Test
    void does_not_recognise_the_device_for_another_user() {
        User john = User.register(new Username("john"), new PasswordHash("$test$john"), null, null, Instant.EPOCH);
        assertTrue(devices.recognise(devices.enrol(jane), john).isEmpty());
    }

    @Test
    void does_not_recognise_the_device_for_a_new_account_under_the_same_name() {
        User newJane = User.register(new Username("jane"), new PasswordHash("$test$jane"), null, null, Instant.EPOCH);
        assertTrue(devices.recognise(devices.enrol(jane), newJane).isEmpty());
    }

    @Test
    void retires_every_credential_when_the_security_version_moves_on() {
        String credential = devices.enrol(jane);

        assertTrue(devices.recognise(credential, jane.changePassword(new PasswordHash("$test$new"))).isEmpty(), "password change");
        assertTrue(devices.recognise(credential, jane.disable().enable()).isEmpty(), "disabled once");
        assertTrue(devices.recognise(credential, jane.endAllSessions()).isEmpty(), "sessions ended");
        assertTrue(devices.recognise(credential, jane.withPasswordHash(new PasswordHash("$test$rehashed"))).isPresent(),
                "a rehash of the same password keeps the devices");
    }

    @Test
    void gives_every_enrolment_its_own_device_id() {
        assertNotEquals(devices.recognise(devices.enrol(jane), jane), devices.recognise(devices.enrol(jane), jane));
    }

    @Test
    void refuses_garbage_and_tampered_credentials() {
        String credential = devices.enrol(jane);
        String tampered = credential.substring(0, credential.length() - 1)
                + (credential.endsWith("A") ? "B" : "A");

        for (String forged : new String[] {"", "x", "a.b.c", tampered, credential + "x", "x".repeat(5000)}) {
            assertTrue(devices.recognise(forged, jane).isEmpty(), forged);
        }
    }

    @Test
    void refuses_a_credential_of_another_instance_with_its_own_key() {
        assertTrue(devices.recognise(newKnownDevices().enrol(jane), jane).isEmpty());
    }
}
