package dev.gatehouse.application.port.in;

import java.util.Objects;

/**
 * Who asks for an administrative change: the holder of a bearer token (which must carry the {@code admin}
 * scope and belong to an active user), or the operator at the command line, who is trusted because running the
 * jar against the database already gives every power.
 */
public sealed interface Actor {

    static Actor bearer(String accessToken) {
        return new Bearer(accessToken);
    }

    static Actor console() {
        return new Console();
    }

    record Bearer(String accessToken) implements Actor {

        public Bearer {
            Objects.requireNonNull(accessToken, "accessToken");
        }

        @Override
        public String toString() {
            return "Bearer[token withheld]";
        }
    }

    record Console() implements Actor {
    }
}
