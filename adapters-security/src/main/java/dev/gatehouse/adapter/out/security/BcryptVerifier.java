package dev.gatehouse.adapter.out.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.gatehouse.domain.PlainPassword;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks passwords against bcrypt hashes ({@code $2a$}, {@code $2b$}, {@code $2y$}) migrated from other
 * systems, such as passlib in FastAPI apps or Apache's htpasswd. Never makes new ones: a user who logs in with
 * one is given an argon2id hash instead. The password is checked as typed, as those systems hashed it (the
 * argon2id hash that replaces it is made of the normalised password).
 *
 * <p>bcrypt reads only the first 72 bytes. A password longer than that is refused, not cut short: otherwise
 * every password that starts with the same 72 bytes would log in (a passphrase, or a password manager's long
 * password with a known prefix). A migrated user whose password was longer must have it reset.
 */
final class BcryptVerifier {

    // The modular crypt format: version, two-digit cost, 22 characters of salt and 31 of hash.
    private static final Pattern SHAPE = Pattern.compile("\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}");
    // Each step doubles the work; 2^20 rounds already take about a minute. A stored hash above that is damage
    // or sabotage, and verifying it would tie up a hashing slot for hours.
    private static final int MAX_COST = 20;
    /** The most bcrypt reads of a password; passlib, OpenBSD and htpasswd silently ignore the rest. */
    static final int MAX_PASSWORD_BYTES = 72;
    // The library's own handling of longer passwords is never reached: verify() refuses them first.
    private static final BCrypt.Verifyer VERIFYER =
            BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    private BcryptVerifier() {
    }

    /** Whether the hash names one of the bcrypt versions we read, however damaged the rest may be. */
    static boolean isBcrypt(String encoded) {
        return encoded.startsWith("$2a$") || encoded.startsWith("$2b$") || encoded.startsWith("$2y$");
    }

    /** The highest cost an imported bcrypt hash may have: 2^14 rounds take about a second; passlib's default is 12. */
    static final int MAX_IMPORTED_COST = 14;

    /** Why such a hash is not imported (malformed, or costlier than {@link #MAX_IMPORTED_COST}); empty when it is. */
    static java.util.Optional<String> importRefusal(String encoded) {
        Matcher shape = SHAPE.matcher(encoded);
        if (!shape.matches()) {
            return java.util.Optional.of("not a well-formed bcrypt hash ($2b$<cost>$ and 53 characters)");
        }
        int cost = Integer.parseInt(shape.group(1));
        if (cost < BCrypt.MIN_COST || cost > MAX_IMPORTED_COST) {
            return java.util.Optional.of("bcrypt cost " + cost + " is outside " + BCrypt.MIN_COST + " to " + MAX_IMPORTED_COST);
        }
        return java.util.Optional.empty();
    }

    /** True when the password matches; false for a wrong password and for a malformed or absurdly costly hash. */
    static boolean verify(PlainPassword password, String encoded) {
        Matcher shape = SHAPE.matcher(encoded);
        if (!shape.matches()) {
            return false;
        }
        int cost = Integer.parseInt(shape.group(1));
        if (cost < BCrypt.MIN_COST || cost > MAX_COST) {
            return false;
        }
        if (password.value().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        char[] chars = password.value().toCharArray();
        try {
            // Encodes the password as UTF-8, as passlib does.
            return VERIFYER.verify(chars, encoded).verified;
        } catch (RuntimeException malformed) {
            // A damaged hash is "cannot verify", never an error for the caller.
            return false;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
