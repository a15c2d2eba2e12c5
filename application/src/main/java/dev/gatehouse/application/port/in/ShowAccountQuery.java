package dev.gatehouse.application.port.in;

import java.util.Objects;

/** The caller's bearer token: whose account to show. */
public record ShowAccountQuery(String accessToken) {

    public ShowAccountQuery {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        return "ShowAccountQuery[redacted]";
    }
}
