package dev.gatehouse.application.port.in;

import java.util.Objects;

/**
 * Who asks, and for which page of the users whose username or email contains {@code text} (ignoring case;
 * empty for every user). Pages count from 0; the limits are those of {@code UserSearch}.
 */
public record SearchUsersQuery(Actor actor, String text, int page, int size) {

    public SearchUsersQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(text, "text");
    }
}
