package dev.gatehouse.domain;

import java.util.Objects;
import java.util.UUID;

/** A user's stable identity, independent of the (changeable) username. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "user id must not be null");
    }

    public static UserId newId() {
        return new UserId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
