package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.OneTimePasswords;
import dev.gatehouse.domain.TotpSecret;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The in-memory stand-in for {@link OneTimePasswords}: the tests' own {@link ReferenceTotp} (RFC 6238 over javax.crypto,
 * written apart from the production adapter), one step either side; held honest by {@link OneTimePasswordsContract}.
 */
public final class ReferenceOneTimePasswords implements OneTimePasswords {

    private final SecureRandom random = new SecureRandom();

    @Override
    public TotpSecret newSecret() {
        return TotpSecret.generate(random);
    }

    @Override
    public OptionalLong matchingStep(TotpSecret secret, String code, Instant now) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        ReferenceTotp app = new ReferenceTotp(secret.bytes());
        long current = Math.floorDiv(now.getEpochSecond(), 30);
        OptionalLong matched = OptionalLong.empty();
        for (long step = current - 1; step <= current + 1; step++) {
            if (app.codeForStep(step, 6).equals(code)) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }
}
