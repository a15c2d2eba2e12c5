package dev.gatehouse.features;

import dev.gatehouse.application.testing.ReferenceTotp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A person's authenticator app, the same for both glues: it reads the secret Gatehouse shows at enrolment and shows
 * codes computed apart from Gatehouse ({@link ReferenceTotp}). Gatehouse takes each time step's code once, and one
 * step either side of its own, so the app's "code of the moment" is that of the first step after the last one its
 * owner used: a person who waits for the next code does the same.
 */
public final class AuthenticatorApp {

    private static final long STEP_SECONDS = 30;

    private final ReferenceTotp totp;
    private long lastStepShown = Long.MIN_VALUE;
    private final List<String> recoveryCodes = new ArrayList<>();

    private AuthenticatorApp(ReferenceTotp totp) {
        this.totp = totp;
    }

    /** The app that was given this base32 secret. */
    public static AuthenticatorApp withSecret(String base32Secret) {
        return new AuthenticatorApp(ReferenceTotp.fromBase32(base32Secret));
    }

    /** The code a person reads off the app at {@code now}, never one already shown. */
    public String codeOfTheMoment(Instant now) {
        long step = Math.max(now.getEpochSecond() / STEP_SECONDS, lastStepShown + 1);
        lastStepShown = step;
        return totp.codeForStep(step, 6);
    }

    /** Six digits that are no code the app shows from a step before {@code now} to two after it. */
    public String wrongCode(Instant now) {
        long step = now.getEpochSecond() / STEP_SECONDS;
        Set<String> shown = Set.of(totp.codeForStep(step - 1, 6), totp.codeForStep(step, 6), totp.codeForStep(step + 1, 6),
                totp.codeForStep(step + 2, 6));
        for (int candidate = 0; ; candidate += 111_111) {
            String code = String.format("%06d", candidate);
            if (!shown.contains(code)) {
                return code;
            }
        }
    }

    /** Keeps the recovery codes shown at confirmation, as a person writes them down. */
    public void writeDown(List<String> codes) {
        recoveryCodes.clear();
        recoveryCodes.addAll(codes);
    }

    public List<String> recoveryCodes() {
        return List.copyOf(recoveryCodes);
    }
}
