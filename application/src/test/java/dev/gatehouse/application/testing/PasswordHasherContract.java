package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PasswordHasher} adapter must do. Extend it and return the adapter under test. */
public abstract class PasswordHasherContract {

    private PasswordHasher hasher;

    protected abstract PasswordHasher newHasher();

    @BeforeEach
    void create() {
        hasher = newHasher();
    }

    @Test
    void verifies_the_password_it_hashed() {
        PlainPassword password = new PlainPassword("correct horse battery staple");

        assertTrue(hasher.verify(password, hasher.hash(password)));
    }

    @Test
    void rejects_a_different_password() {
        PasswordHash hash = hasher.hash(new PlainPassword("secret-password"));

        assertFalse(hasher.verify(new PlainPassword("secret-passwore"), hash));
        assertFalse(hasher.verify(new PlainPassword("SECRET-PASSWORD"), hash));
    }

    @Test
    void salts_every_hash_so_equal_passwords_do_not_look_equal() {
        PlainPassword password = new PlainPassword("same password");

        assertNotEquals(hasher.hash(password), hasher.hash(password));
    }

    @Test
    void never_stores_the_password_itself() {
        String secret = "a-very-recognisable-password";

        assertFalse(hasher.hash(new PlainPassword(secret)).encoded().contains(secret));
    }

    @Test
    void handles_unicode_and_the_longest_allowed_password() {
        PlainPassword unicode = new PlainPassword("pässwörd-密码-🔑");
        PlainPassword longest = new PlainPassword("x".repeat(PlainPassword.MAX_BYTES));

        assertTrue(hasher.verify(unicode, hasher.hash(unicode)));
        assertTrue(hasher.verify(longest, hasher.hash(longest)));
        assertFalse(hasher.verify(new PlainPassword("x".repeat(PlainPassword.MAX_BYTES - 1)), hasher.hash(longest)));
    }

    @Test
    void treats_one_password_in_another_unicode_form_as_the_same_password() {
        // NFKC: a composed and a decomposed accent, full-width and ASCII letters, a ligature and its letters.
        PasswordHash composed = hasher.hash(new PlainPassword("caf\u00e9 \uff21\uff22 \ufb01ne"));

        assertTrue(hasher.verify(new PlainPassword("cafe\u0301 AB fine"), composed));
        assertTrue(hasher.verify(new PlainPassword("caf\u00e9 \uff21\uff22 \ufb01ne"), composed));
        assertFalse(hasher.verify(new PlainPassword("cafe AB fine"), composed), "an accent is not dropped");
    }

    @Test
    void answers_false_for_a_hash_it_cannot_read() {
        PlainPassword password = new PlainPassword("whatever");

        assertFalse(hasher.verify(password, new PasswordHash("$unknown-algorithm$abc")));
        assertFalse(hasher.verify(password, new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$garbage")));
    }

    @Test
    void does_not_ask_to_rehash_its_own_fresh_hash_but_does_for_a_foreign_one() {
        assertFalse(hasher.needsRehash(hasher.hash(new PlainPassword("fresh password"))));
        assertTrue(hasher.needsRehash(new PasswordHash("$unknown-algorithm$abc")));
    }

    @Test
    void would_verify_its_own_hashes_when_imported_but_not_an_unknown_algorithm_or_a_directory_reference() {
        assertTrue(hasher.importRefusal(hasher.hash(new PlainPassword("imported password"))).isEmpty());
        assertTrue(hasher.importRefusal(new PasswordHash("$unknown-algorithm$abc")).isPresent());
        assertTrue(hasher.importRefusal(new PasswordHash("$directory$uid=root,ou=people")).isPresent());
    }

    @Test
    void waits_about_as_long_as_a_verification_takes() {
        PlainPassword password = new PlainPassword("timing password");
        PasswordHash hash = hasher.hash(password);
        long verification = medianNanos(() -> hasher.verify(password, hash));

        long wait = medianNanos(hasher::waitLikeAVerification);

        // An absolute millisecond of slack both ways: a fake's microsecond verification is below scheduling noise.
        assertTrue(wait >= verification / 2 - 1_000_000, "waited " + wait + " ns for a " + verification + " ns verification");
        assertTrue(wait <= verification * 3 + 5_000_000, "waited " + wait + " ns for a " + verification + " ns verification");
    }

    private static long medianNanos(Runnable work) {
        long[] samples = new long[9];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            work.run();
            samples[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
