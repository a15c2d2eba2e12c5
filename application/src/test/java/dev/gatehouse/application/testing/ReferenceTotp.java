package dev.gatehouse.application.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app, written for the tests apart from the production code: RFC 6238 over javax.crypto's HMAC-SHA1
 * directly, with its own base32 decoding, so a test that passes with its codes shows the server agrees with the RFC,
 * not with itself. Checked against RFC 6238 Appendix B in {@code ReferenceTotpTest}.
 */
public final class ReferenceTotp {

    private final byte[] key;

    public ReferenceTotp(byte[] key) {
        this.key = key.clone();
    }

    /** The authenticator that scanned {@code otpauthUri} (its {@code secret} parameter, base32). */
    public static ReferenceTotp scanning(String otpauthUri) {
        URI uri = URI.create(otpauthUri);
        if (!"otpauth".equals(uri.getScheme()) || !"totp".equals(uri.getHost())) {
            throw new IllegalArgumentException("not a TOTP key URI: " + otpauthUri);
        }
        for (String parameter : uri.getRawQuery().split("&")) {
            String[] pair = parameter.split("=", 2);
            if (pair[0].equals("secret")) {
                return fromBase32(URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
            }
        }
        throw new IllegalArgumentException("no secret in " + otpauthUri);
    }

    public static ReferenceTotp fromBase32(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = base32.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        byte[] out = new byte[clean.length() * 5 / 8];
        long buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return new ReferenceTotp(out);
    }

    /** The code at {@code time}, {@code digits} long (RFC 6238: T = floor(unix time / 30)). */
    public String codeAt(Instant time, int digits) {
        return codeForStep(time.getEpochSecond() / 30, digits);
    }

    /** The 6-digit code at {@code time}. */
    public String codeAt(Instant time) {
        return codeAt(time, 6);
    }

    public String codeForStep(long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] message = new byte[8];
            for (int i = 7; i >= 0; i--) {
                message[i] = (byte) (step & 0xff);
                step >>= 8;
            }
            byte[] hash = mac.doFinal(message);
            int offset = hash[19] & 0xf;
            long binary = ((hash[offset] & 0x7fL) << 24) | ((hash[offset + 1] & 0xffL) << 16)
                    | ((hash[offset + 2] & 0xffL) << 8) | (hash[offset + 3] & 0xffL);
            long modulus = (long) Math.pow(10, digits);
            StringBuilder code = new StringBuilder(Long.toString(binary % modulus));
            while (code.length() < digits) {
                code.insert(0, '0');
            }
            return code.toString();
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
