package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.TotpSecret;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords as authenticator apps compute them (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps,
 * one step either side accepted for drift), and their secrets. Behind a port because the HMAC is a cryptographic
 * library's, not the core's. Every adapter passes {@code OneTimePasswordsContract} (RFC 6238 Appendix B).
 */
public interface OneTimePasswords {

    /** A fresh random secret (160 bits). */
    TotpSecret newSecret();

    /**
     * The time step whose code {@code code} is, among the steps within the window around {@code now} (the latest if
     * more than one); empty for anything else, including text that is not six digits. Never throws on input.
     */
    OptionalLong matchingStep(TotpSecret secret, String code, Instant now);

    /** For assemblies without two-factor sign-in: no code ever matches. */
    static OneTimePasswords none() {
        return new OneTimePasswords() {
            @Override
            public TotpSecret newSecret() {
                return TotpSecret.generate(new java.security.SecureRandom());
            }

            @Override
            public OptionalLong matchingStep(TotpSecret secret, String code, Instant now) {
                return OptionalLong.empty();
            }
        };
    }
}
