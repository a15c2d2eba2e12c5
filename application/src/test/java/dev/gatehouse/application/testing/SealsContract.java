package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.Seals;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Seals} adapter must do. Extend it and return fresh seals from {@link #newSeals()}, and, when
 * instances share a secret, another instance's from {@link #anotherInstance()}.
 */
public abstract class SealsContract {

    private static final Instant NOW = Instant.parse("2026-12-04T18:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(600);
    /** Safe in a cookie value, a form field and a URL without escaping. */
    private static final Pattern TOKEN_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    protected abstract Seals newSeals();

    /** Seals of another instance sharing the same secret; the same seals by default. */
    protected Seals anotherInstance() {
        return last;
    }

    private Seals last;

    private Seals fresh() {
        last = newSeals();
        return last;
    }

    @Test
    void opens_what_it_sealed_for_the_same_purpose_until_it_expires() {
        Seals seals = fresh();
        String sealed = seals.seal(Seals.Purpose.SIGN_IN_FORM, "content with | and spaces é", LATER);

        assertTrue(TOKEN_SAFE.matcher(sealed).matches(), sealed);
        assertEquals(Optional.of("content with | and spaces é"), seals.open(Seals.Purpose.SIGN_IN_FORM, sealed, NOW));
        assertEquals(Optional.of("content with | and spaces é"), anotherInstance().open(Seals.Purpose.SIGN_IN_FORM, sealed, NOW));
        assertEquals(Optional.empty(), seals.open(Seals.Purpose.SIGN_IN_FORM, sealed, LATER));
    }

    @Test
    void a_seal_for_one_purpose_never_opens_for_another() {
        Seals seals = fresh();
        String sealed = seals.seal(Seals.Purpose.SIGN_IN_FORM, "user", LATER);

        assertEquals(Optional.empty(), seals.open(Seals.Purpose.BROWSER_SESSION, sealed, NOW));
    }

    @Test
    void anything_changed_or_made_up_does_not_open() {
        Seals seals = fresh();
        String sealed = seals.seal(Seals.Purpose.BROWSER_SESSION, "user", LATER);
        String changed = sealed.substring(0, sealed.length() - 1) + (sealed.endsWith("A") ? "B" : "A");

        assertNotEquals(sealed, changed);
        for (String forged : new String[] {changed, "", "x", ".", "a.b", sealed + sealed, sealed + ".", "é", null}) {
            assertEquals(Optional.empty(), seals.open(Seals.Purpose.BROWSER_SESSION, forged, NOW), String.valueOf(forged));
        }
    }

    @Test
    void two_seals_of_the_same_content_differ() {
        Seals seals = fresh();

        assertNotEquals(seals.seal(Seals.Purpose.SIGN_IN_FORM, "same", LATER), seals.seal(Seals.Purpose.SIGN_IN_FORM, "same", LATER));
    }
}
