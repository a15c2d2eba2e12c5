package dev.gatehouse.application.port.in;

import java.time.Duration;
import java.util.List;

/** Every way confirming, removing or regenerating can end; callers switch over it exhaustively. */
public sealed interface TwoFactorResult {

    /** Done; {@code recoveryCodes} are the new codes (shown this once), empty for a removal. */
    record Done(List<String> recoveryCodes) implements TwoFactorResult {

        public Done {
            recoveryCodes = List.copyOf(recoveryCodes);
        }

        @Override
        public String toString() {
            return "Done[" + recoveryCodes.size() + " recovery codes, redacted]";
        }
    }

    /** The code, recovery code or password was wrong, already used, or missing. Nothing changed. */
    record WrongProof() implements TwoFactorResult {
    }

    /** No enrolment in the state the request needs (nothing pending to confirm, nothing active to remove). */
    record NotEnrolled() implements TwoFactorResult {
    }

    /** Too many wrong codes lately; nothing was checked. */
    record Throttled(Duration retryAfter) implements TwoFactorResult {
    }

    /** Password hashing is at capacity; nothing was checked. */
    record Overloaded(Duration retryAfter) implements TwoFactorResult {
    }

    record InvalidToken() implements TwoFactorResult {
    }

    record InactiveUser() implements TwoFactorResult {
    }
}
