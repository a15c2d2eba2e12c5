package dev.gatehouse.adapter.web;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Tag;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Counts audit events by type, then records them through the delegate. See {@link GatehouseMeters#countingOutcomes}. */
final class CountingAuditLog implements AuditLog {

    private final AuditLog delegate;
    private final Map<AuditEvent.Type, Counter> counters = new EnumMap<>(AuditEvent.Type.class);

    CountingAuditLog(AuditLog delegate) {
        this.delegate = delegate;
        // Every series exists from the start, so a rate over it is zero rather than missing.
        for (AuditEvent.Type type : AuditEvent.Type.values()) {
            counters.put(type, counter(type));
        }
    }

    @Override
    public void record(AuditEvent event) {
        counters.get(event.type()).increment();
        delegate.record(event);
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return delegate.forgetBefore(cutoff);
    }

    /** Exhaustive, so a new kind of event does not compile until it is given a meter. */
    private static Counter counter(AuditEvent.Type type) {
        return switch (type) {
            case LOGIN_SUCCEEDED -> login("succeeded");
            case LOGIN_FAILED -> login("failed");
            case LOGIN_THROTTLED -> login("throttled");
            case USER_REGISTERED -> GatehouseMeters.counter(GatehouseMeters.REGISTRATIONS, "Accounts registered");
            case USERNAME_TAKEN -> GatehouseMeters.counter(GatehouseMeters.REGISTRATIONS_TAKEN,
                    "Registrations refused because the username was taken");
            case PASSWORD_REHASHED -> GatehouseMeters.counter(GatehouseMeters.PASSWORD_REHASHES,
                    "Stored password hashes upgraded at login");
            // The event does not say whether a login or a registration was turned away.
            case FLOOD_REJECTED -> GatehouseMeters.counter(GatehouseMeters.FLOOD_REJECTIONS,
                    "Logins and registrations refused because password hashing was at capacity");
            case TOKEN_REFRESHED -> session("refreshed");
            // A used refresh token presented again: its whole session was revoked, as it may have been stolen.
            case REFRESH_TOKEN_REUSED -> session("refresh_token_reused");
            // The same within the grace window: refused, the session kept.
            case REFRESH_TOKEN_RACED -> session("refresh_token_raced");
            case SESSION_REVOKED -> session("revoked");
            case LOGGED_OUT -> session("logged_out");
            case LOGGED_OUT_EVERYWHERE -> session("logged_out_everywhere");
            case PASSWORD_CHANGED -> passwordChange("changed");
            case PASSWORD_CHANGE_REFUSED -> passwordChange("refused");
            case CLIENT_AUTHENTICATION_FAILED -> clientRefusal("invalid_client");
            case UNAUTHORIZED_CLIENT -> clientRefusal("unauthorized_client");
            case USER_DISABLED -> administration("user_disabled");
            case USER_ENABLED -> administration("user_enabled");
            case ACCOUNT_UNLOCKED -> administration("account_unlocked");
            case ROLE_ASSIGNED -> administration("role_assigned");
            case ROLE_REMOVED -> administration("role_removed");
            case SESSIONS_REVOKED -> administration("sessions_revoked");
            case SIGNING_KEY_ROTATED -> administration("signing_key_rotated");
            case SIGNING_KEY_REVOKED -> administration("signing_key_revoked");
        };
    }

    private static Counter administration(String action) {
        return GatehouseMeters.counter(GatehouseMeters.ADMINISTRATION, "Changes made by administrators, by action",
                Tag.create("action", action));
    }

    private static Counter session(String event) {
        return GatehouseMeters.counter(GatehouseMeters.SESSION_EVENTS, "Session events by kind", Tag.create("event", event));
    }

    private static Counter clientRefusal(String error) {
        return GatehouseMeters.counter(GatehouseMeters.CLIENT_REFUSALS, "Client applications refused, by OAuth2 error",
                Tag.create("error", error));
    }

    private static Counter passwordChange(String outcome) {
        return GatehouseMeters.counter(GatehouseMeters.PASSWORD_CHANGES, "Password changes by outcome",
                Tag.create("outcome", outcome));
    }

    private static Counter login(String outcome) {
        return GatehouseMeters.counter(GatehouseMeters.LOGINS, "Login attempts by outcome", Tag.create("outcome", outcome));
    }
}
