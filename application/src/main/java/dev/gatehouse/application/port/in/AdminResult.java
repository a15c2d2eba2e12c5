package dev.gatehouse.application.port.in;

import java.util.Objects;

/** How an administrative use case ended: done, with its value, or refused for one {@link Refusal}. */
public sealed interface AdminResult<T> {

    /** Why an administrative request was refused. */
    enum Refusal {
        /** The token is malformed, forged, expired, or no longer counts. */
        INVALID_TOKEN,
        /** The token is genuine but its user has been disabled. */
        INACTIVE_ADMIN,
        /** The token lacks the {@code admin} scope. */
        INSUFFICIENT_SCOPE,
        /** No user has that username. */
        NO_SUCH_USER,
        /** The role is not one the scope policy knows, so it cannot be assigned. */
        UNKNOWN_ROLE,
        /** An administrator may not disable their own account or remove their own admin role. */
        OWN_ACCOUNT,
        /** The change would leave no active administrator. */
        LAST_ADMINISTRATOR,
        /** The account has no e-mail address to send a reset link to. */
        NO_EMAIL_ADDRESS,
        /** The account is disabled, or a directory keeps its password: a reset link could not set it. */
        NOT_RESETTABLE
    }

    record Done<T>(T value) implements AdminResult<T> {

        public Done {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(Refusal refusal) implements AdminResult<T> {

        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
