package dev.gatehouse.adapter.out.security;

import java.nio.charset.StandardCharsets;
import dev.gatehouse.support.crypto.Hkdf;

/**
 * One configured secret ({@code GATEHOUSE_JWT_SECRET}), one key per purpose: HKDF-SHA256 (RFC 5869) with a distinct
 * {@code info} label each, so a MAC or a key made for one purpose is worthless for another and none of them is the
 * secret itself. The key-encryption keys of stored signing keys come from the same {@link Hkdf} (their own labels).
 */
public final class Subkeys {

    /** The HS256 access-token signing key. */
    public static final String TOKEN_SIGNING = "gatehouse access-token signing HS256 v1";
    /** The MAC key of known-device credentials. */
    public static final String KNOWN_DEVICES = "gatehouse known-device credentials v1";
    /** The MAC key of seals: the sign-in form's token and the browser session cookie. */
    public static final String SEALS = "gatehouse browser seals v1";

    private static final int LENGTH = 32;

    private Subkeys() {
    }

    /** HKDF-SHA256 with an all-zero salt: 32 bytes for {@code purpose}. */
    public static byte[] derive(byte[] secret, String purpose) {
        return Hkdf.sha256(new byte[LENGTH], secret, purpose.getBytes(StandardCharsets.UTF_8), LENGTH);
    }

}
