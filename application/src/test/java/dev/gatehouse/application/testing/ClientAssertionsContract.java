package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AssertionClaims;
import dev.gatehouse.application.port.out.ClientAssertions;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClientAssertions} adapter must do (RFC 7523 section 3): accept an assertion signed by the client's
 * registered key, naming the client as {@code iss} and {@code sub} and this server as {@code aud}, with a short
 * {@code exp} and a {@code jti}; refuse anything else. The adapter says how it signs ({@link #signed}), which audience
 * it accepts ({@link #audience()}) and how a client registers its key ({@link #registered}).
 */
public abstract class ClientAssertionsContract {

    protected static final ClientId BATCH = new ClientId("batch");
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T18:00:00Z"));
    private ClientAssertions assertions;

    /** The claims of an assertion to sign; {@code exp} or {@code jti} null leaves the claim out. */
    public record Claims(String iss, String sub, String aud, Instant exp, String jti) {
    }

    protected abstract ClientAssertions newAssertions(Clock clock);

    /** The audience the adapter accepts: this server's token endpoint URL or issuer. */
    protected abstract String audience();

    /** A confidential client registered with the public half of the key {@link #signed} signs with. */
    protected abstract Client registered(ClientId id);

    /** An assertion with these claims, signed by the registered key or, when {@code registeredKey} is false, another. */
    protected abstract String signed(Claims claims, boolean registeredKey);

    @BeforeEach
    void create() {
        assertions = newAssertions(clock);
    }

    private Claims valid() {
        return new Claims("batch", "batch", audience(), clock.instant().plusSeconds(60), UUID.randomUUID().toString());
    }

    @Test
    void accepts_an_assertion_signed_by_the_registered_key_and_names_its_id_and_expiry() {
        Claims claims = valid();

        Optional<AssertionClaims> verified = assertions.verify(signed(claims, true), registered(BATCH));

        assertEquals(Optional.of(new AssertionClaims(claims.jti(), claims.exp())), verified);
    }

    @Test
    void reads_the_client_an_assertion_claims_to_come_from() {
        assertEquals(Optional.of(BATCH), assertions.claimedClient(signed(valid(), false)));
        Claims mismatched = new Claims("batch", "other", audience(), clock.instant().plusSeconds(60), "j");
        assertEquals(Optional.empty(), assertions.claimedClient(signed(mismatched, true)));
        assertEquals(Optional.empty(), assertions.claimedClient("not an assertion"));
    }

    @Test
    void refuses_an_assertion_signed_by_another_key() {
        assertEquals(Optional.empty(), assertions.verify(signed(valid(), false), registered(BATCH)));
    }

    @Test
    void refuses_an_assertion_for_another_client() {
        assertEquals(Optional.empty(), assertions.verify(signed(valid(), true), registered(new ClientId("other"))));
        Claims otherSubject = new Claims("batch", "other", audience(), clock.instant().plusSeconds(60), "j");
        assertEquals(Optional.empty(), assertions.verify(signed(otherSubject, true), registered(BATCH)));
    }

    @Test
    void refuses_an_assertion_for_another_audience() {
        Claims claims = new Claims("batch", "batch", "https://elsewhere.example.com/token", clock.instant().plusSeconds(60), "j");
        assertEquals(Optional.empty(), assertions.verify(signed(claims, true), registered(BATCH)));
    }

    @Test
    void refuses_an_expired_assertion_and_one_without_exp() {
        String expiring = signed(valid(), true);
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Optional.empty(), assertions.verify(expiring, registered(BATCH)));
        Claims noExp = new Claims("batch", "batch", audience(), null, "j");
        assertEquals(Optional.empty(), assertions.verify(signed(noExp, true), registered(BATCH)));
    }

    @Test
    void refuses_an_assertion_that_lives_longer_than_five_minutes() {
        Claims longLived = new Claims("batch", "batch", audience(), clock.instant().plus(Duration.ofMinutes(6)), "j");
        assertEquals(Optional.empty(), assertions.verify(signed(longLived, true), registered(BATCH)));
        Claims fiveMinutes = new Claims("batch", "batch", audience(), clock.instant().plus(Duration.ofMinutes(5)), "j");
        assertTrue(assertions.verify(signed(fiveMinutes, true), registered(BATCH)).isPresent());
    }

    @Test
    void refuses_an_assertion_without_jti() {
        Claims noJti = new Claims("batch", "batch", audience(), clock.instant().plusSeconds(60), null);
        assertEquals(Optional.empty(), assertions.verify(signed(noJti, true), registered(BATCH)));
    }

    @Test
    void refuses_garbage() {
        assertEquals(Optional.empty(), assertions.verify("", registered(BATCH)));
        assertEquals(Optional.empty(), assertions.verify("a.b.c", registered(BATCH)));
    }
}
