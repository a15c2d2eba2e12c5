package dev.gatehouse.adapter.out.security;

import dev.gatehouse.domain.PlainPassword;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks passwords against PBKDF2 hashes migrated from passlib ({@code pbkdf2_sha256}, {@code pbkdf2_sha512},
 * {@code pbkdf2_sha1}) and from Keycloak ({@code pbkdf2-sha256}, {@code pbkdf2-sha512}, converted to this form by
 * the import). One encoded form, passlib's modular crypt format: {@code $pbkdf2-<digest>$<rounds>$<salt>$<hash>},
 * salt and hash in passlib's "adapted base64" (standard base64 with {@code .} for {@code +}, no padding). The
 * derived key is as long as the stored hash (passlib stores the digest's length, Keycloak its configured key size).
 * Never makes new ones: a user who logs in with one is given an argon2id hash instead. The password is checked as
 * typed, UTF-8, as both systems hashed it.
 *
 * <p>The cost is bounded: rounds times the derived key's blocks at most {@link #MAX_BLOCK_ROUNDS}, so a hash in an
 * imported file (or written into the database) cannot tie up a hashing slot for minutes.
 */
final class Pbkdf2Verifier {

    /** Blocks of the derived key times rounds: about a second of one core. Django's 1.2M rounds and Keycloak's 600k fit. */
    static final long MAX_BLOCK_ROUNDS = 2_000_000;
    private static final int MAX_SALT_BYTES = 64;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_HASH_BYTES = 128;
    private static final Pattern SHAPE = Pattern.compile("\\$pbkdf2(-sha256|-sha512|)\\$([1-9][0-9]{0,9})\\$([./A-Za-z0-9]*)\\$([./A-Za-z0-9]+)");

    private Pbkdf2Verifier() {
    }

    static boolean isPbkdf2(String encoded) {
        return encoded.startsWith("$pbkdf2$") || encoded.startsWith("$pbkdf2-sha256$") || encoded.startsWith("$pbkdf2-sha512$");
    }

    /** Why such a hash cannot be verified (malformed, or too costly); empty when it can. */
    static Optional<String> refusal(String encoded) {
        return parse(encoded).map(Parsed::refusal).orElse(Optional.of("not a well-formed $pbkdf2-<digest>$<rounds>$<salt>$<hash>"));
    }

    /** True when the password matches; false for a wrong password and for a malformed or too costly hash. */
    static boolean verify(PlainPassword password, String encoded) {
        Optional<Parsed> parsed = parse(encoded);
        if (parsed.isEmpty() || parsed.get().refusal().isPresent()) {
            return false;
        }
        Parsed hash = parsed.get();
        byte[] secret = password.value().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] derived = derive(hash.macAlgorithm(), secret, hash.salt(), hash.rounds(), hash.hash().length);
            return MessageDigest.isEqual(derived, hash.hash());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private record Parsed(String macAlgorithm, int digestBytes, long rounds, byte[] salt, byte[] hash) {

        Optional<String> refusal() {
            if (salt.length > MAX_SALT_BYTES) {
                return Optional.of("a salt of " + salt.length + " bytes (at most " + MAX_SALT_BYTES + ")");
            }
            if (hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
                return Optional.of("a hash of " + hash.length + " bytes (" + MIN_HASH_BYTES + " to " + MAX_HASH_BYTES + ")");
            }
            long blocks = (hash.length + digestBytes - 1) / digestBytes;
            if (rounds * blocks > MAX_BLOCK_ROUNDS) {
                return Optional.of(rounds + " rounds cost more than the bound of " + MAX_BLOCK_ROUNDS
                        + " (rounds times " + digestBytes + "-byte blocks of the hash)");
            }
            return Optional.empty();
        }
    }

    private static Optional<Parsed> parse(String encoded) {
        Matcher shape = SHAPE.matcher(encoded);
        if (!shape.matches()) {
            return Optional.empty();
        }
        String mac;
        int digestBytes;
        switch (shape.group(1)) {
            case "-sha256" -> { mac = "HmacSHA256"; digestBytes = 32; }
            case "-sha512" -> { mac = "HmacSHA512"; digestBytes = 64; }
            default -> { mac = "HmacSHA1"; digestBytes = 20; }
        }
        try {
            return Optional.of(new Parsed(mac, digestBytes, Long.parseLong(shape.group(2)),
                    adaptedBase64(shape.group(3)), adaptedBase64(shape.group(4))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** passlib's ab64: standard base64 with '.' for '+', without padding. */
    static byte[] adaptedBase64(String encoded) {
        return Base64.getDecoder().decode(encoded.replace('.', '+'));
    }

    /** PBKDF2 (RFC 8018 section 5.2) over an HMAC, written out so the password stays bytes of UTF-8. */
    static byte[] derive(String macAlgorithm, byte[] password, byte[] salt, long rounds, int length) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            // SecretKeySpec refuses an empty key; HMAC pads a key with zero bytes, so one zero byte is the same key.
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, macAlgorithm));
            int digest = mac.getMacLength();
            byte[] derived = new byte[length];
            byte[] u = new byte[digest];
            byte[] t = new byte[digest];
            for (int block = 1, offset = 0; offset < length; block++, offset += digest) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                mac.doFinal(u, 0);
                System.arraycopy(u, 0, t, 0, digest);
                for (long round = 1; round < rounds; round++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int i = 0; i < digest; i++) {
                        t[i] ^= u[i];
                    }
                }
                System.arraycopy(t, 0, derived, offset, Math.min(digest, length - offset));
            }
            return derived;
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException(macAlgorithm + " is not available", unavailable);
        }
    }
}
