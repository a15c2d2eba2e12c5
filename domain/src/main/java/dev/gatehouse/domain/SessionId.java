package dev.gatehouse.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * One login's session: the family of refresh tokens that descend from it by rotation, and the access tokens
 * issued along the way (their {@code sid}). Logging out ends one session.
 */
public record SessionId(UUID value) {

    public SessionId {
        Objects.requireNonNull(value, "session id must not be null");
    }

    public static SessionId newId() {
        return new SessionId(UUID.randomUUID());
    }

    /** Parses the text form; empty for anything that is not a UUID. */
    public static java.util.Optional<SessionId> parse(String text) {
        try {
            return java.util.Optional.of(new SessionId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException notASessionId) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
