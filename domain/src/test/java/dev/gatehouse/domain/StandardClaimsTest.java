package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandardClaimsTest {

    private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo");

    @Test
    void email_verified_says_whether_the_owner_proved_the_address_by_its_link() {
        User jane = User.register(new Username("jane"), HASH, new EmailAddress("jane@example.com"), null, Instant.EPOCH);

        assertEquals(Optional.of(false), StandardClaims.of(jane, Set.of(StandardClaims.EMAIL)).emailVerified());
        assertEquals(Optional.of(true), StandardClaims.of(jane.withVerifiedEmail(new EmailAddress("jane@example.com")),
                Set.of(StandardClaims.EMAIL)).emailVerified());
    }

    @Test
    void without_the_email_scope_no_address_is_released() {
        User jane = User.register(new Username("jane"), HASH, new EmailAddress("jane@example.com"), null, Instant.EPOCH);

        assertEquals(Optional.empty(), StandardClaims.of(jane, Set.of(StandardClaims.PROFILE)).email());
        assertEquals(Optional.empty(), StandardClaims.of(jane, Set.of(StandardClaims.PROFILE)).emailVerified());
    }
}
