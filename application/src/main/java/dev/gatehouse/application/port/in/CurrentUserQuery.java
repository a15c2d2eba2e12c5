package dev.gatehouse.application.port.in;

import java.util.Objects;

/** The bearer token presented by a client; redacted in {@link #toString()}. */
public record CurrentUserQuery(String accessToken) {

    public CurrentUserQuery {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        return "CurrentUserQuery[redacted]";
    }
}
