package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEventTest {

    @Test
    void keeps_only_printable_ascii_of_an_attacker_chosen_subject_and_bounds_it() {
        AuditEvent event = new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "eve\n2026 LOGIN_SUCCEEDED admin\u0000" + "x".repeat(100),
                ClientAddress.LOCAL, Instant.EPOCH);

        assertEquals(AuditEvent.MAX_SUBJECT_LENGTH, event.subject().length());
        assertEquals("eve?2026?LOGIN_SUCCEEDED?admin?xxxx", event.subject().substring(0, 35));
        assertEquals("", new AuditEvent(AuditEvent.Type.LOGIN_FAILED, null, ClientAddress.LOCAL, Instant.EPOCH).subject());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "2001:db8::1", "fe80::1%eth0", "local"})
    void accepts_ip_literals_as_client_addresses(String value) {
        assertEquals(value, new ClientAddress(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "192.0.2.1 ", "a\nb", "<script>", "1.2.3.4, 5.6.7.8"})
    void refuses_anything_else_as_a_client_address(String value) {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(value));
    }
}
