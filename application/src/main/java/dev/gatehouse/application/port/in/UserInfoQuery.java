package dev.gatehouse.application.port.in;

import java.util.Objects;

/** The bearer token a relying party presents at the userinfo endpoint; redacted in {@link #toString()}. */
public record UserInfoQuery(String accessToken) {

    public UserInfoQuery {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        return "UserInfoQuery[redacted]";
    }
}
