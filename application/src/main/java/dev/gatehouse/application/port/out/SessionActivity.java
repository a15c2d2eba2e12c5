package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.RefreshSession;
import java.time.Instant;
import java.util.Objects;

/** A stored session and when its newest refresh token was issued: when it was last used (or started, if never refreshed). */
public record SessionActivity(RefreshSession session, Instant lastUsedAt) {

    public SessionActivity {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }
}
