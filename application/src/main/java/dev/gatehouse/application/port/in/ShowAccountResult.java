package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.Consent;
import dev.gatehouse.domain.User;
import java.util.List;
import java.util.Objects;

/** Every way showing one's account can end; callers switch over it exhaustively. */
public sealed interface ShowAccountResult {

    /**
     * The caller's account as stored now: the user, whether a second factor is active (a pending enrolment is not), and
     * the live sessions, most recently used first, and the third-party applications the person has allowed.
     */
    record Shown(User user, boolean twoFactorActive, List<ActiveSession> sessions, List<Consent> consents)
            implements ShowAccountResult {

        public Shown {
            Objects.requireNonNull(user, "user");
            sessions = List.copyOf(sessions);
            consents = List.copyOf(consents);
        }

        /** An account that has allowed no third-party application anything. */
        public Shown(User user, boolean twoFactorActive, List<ActiveSession> sessions) {
            this(user, twoFactorActive, sessions, List.of());
        }
    }

    /** The token is invalid, expired or revoked. */
    record InvalidToken() implements ShowAccountResult {
    }

    /** The token's user is disabled. */
    record InactiveUser() implements ShowAccountResult {
    }
}
