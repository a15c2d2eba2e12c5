package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.UserId;
import java.util.Objects;

/** Whose consents to list: a user the driving adapter has already authenticated (or an administrator chose). */
public record ListConsentsQuery(UserId user) {

    public ListConsentsQuery {
        Objects.requireNonNull(user, "user");
    }
}
