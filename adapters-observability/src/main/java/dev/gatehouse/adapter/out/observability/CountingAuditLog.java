package dev.gatehouse.adapter.out.observability;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Counts audit events by type, then records them through the delegate. See {@link GatehouseMeters#countingOutcomes}. */
final class CountingAuditLog implements AuditLog {

    private final AuditLog delegate;
    private final Map<AuditEvent.Type, Counter> counters = new EnumMap<>(AuditEvent.Type.class);

    CountingAuditLog(AuditLog delegate, GatehouseMeters meters) {
        this.delegate = delegate;
        // Every series exists from the start, so a rate over it is zero rather than missing.
        for (AuditEvent.Type type : AuditEvent.Type.values()) {
            counters.put(type, counter(type, meters));
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
    private static Counter counter(AuditEvent.Type type, GatehouseMeters meters) {
        return switch (type) {
            case LOGIN_SUCCEEDED -> login(meters, "succeeded");
            case LOGIN_FAILED -> login(meters, "failed");
            case LOGIN_THROTTLED -> login(meters, "throttled");
            case USER_REGISTERED -> meters.counter(GatehouseMeters.REGISTRATIONS, "Accounts registered");
            case USERNAME_TAKEN -> meters.counter(GatehouseMeters.REGISTRATIONS_TAKEN,
                    "Registrations refused because the username was taken");
            case PASSWORD_REHASHED -> meters.counter(GatehouseMeters.PASSWORD_REHASHES,
                    "Stored password hashes upgraded at login");
            // The event does not say whether a login or a registration was turned away.
            case FLOOD_REJECTED -> meters.counter(GatehouseMeters.FLOOD_REJECTIONS,
                    "Logins and registrations refused because password hashing was at capacity");
            case TOKEN_REFRESHED -> session(meters, "refreshed");
            // A used refresh token presented again: its whole session was revoked, as it may have been stolen.
            case REFRESH_TOKEN_REUSED -> session(meters, "refresh_token_reused");
            // The same within the grace window: refused, the session kept.
            case REFRESH_TOKEN_RACED -> session(meters, "refresh_token_raced");
            case SESSION_REVOKED -> session(meters, "revoked");
            case LOGGED_OUT -> session(meters, "logged_out");
            case LOGGED_OUT_EVERYWHERE -> session(meters, "logged_out_everywhere");
            case PASSWORD_CHANGED -> passwordChange(meters, "changed");
            case PASSWORD_CHANGE_REFUSED -> passwordChange(meters, "refused");
            // Counted whether or not an account has the name: the counter says how often links are asked for.
            case PASSWORD_RESET_REQUESTED -> passwordChange(meters, "reset_requested");
            case PASSWORD_RESET -> passwordChange(meters, "reset");
            case PASSWORD_RESET_REFUSED -> passwordChange(meters, "reset_refused");
            case CLIENT_AUTHENTICATION_FAILED -> clientRefusal(meters, "invalid_client");
            case UNAUTHORIZED_CLIENT -> clientRefusal(meters, "unauthorized_client");
            case CLIENT_TOKEN_ISSUED -> meters.counter(GatehouseMeters.CLIENT_TOKENS,
                    "Access tokens clients obtained for themselves (client credentials grant)");
            case USER_IMPORTED -> administration(meters, "user_imported");
            case USER_DISABLED -> administration(meters, "user_disabled");
            case USER_ENABLED -> administration(meters, "user_enabled");
            case ACCOUNT_UNLOCKED -> administration(meters, "account_unlocked");
            case ROLE_ASSIGNED -> administration(meters, "role_assigned");
            case ROLE_REMOVED -> administration(meters, "role_removed");
            case SESSIONS_REVOKED -> administration(meters, "sessions_revoked");
            case SIGNING_KEY_ROTATED -> administration(meters, "signing_key_rotated");
            case SIGNING_KEY_REVOKED -> administration(meters, "signing_key_revoked");
            // The authorization code flow: a code issued on sign-in, exchanged for a session, refused, or replayed
            // (which revokes the session its first use started).
            case AUTHORIZATION_CODE_ISSUED -> session(meters, "authorization_code_issued");
            case AUTHORIZATION_CODE_REDEEMED -> session(meters, "authorization_code_redeemed");
            case AUTHORIZATION_CODE_REFUSED -> session(meters, "authorization_code_refused");
            case AUTHORIZATION_CODE_REPLAYED -> session(meters, "authorization_code_replayed");
            // RP-initiated logout: a browser session ended with the refresh tokens it started, or a logout refused.
            case BROWSER_SESSION_ENDED -> session(meters, "browser_session_ended");
            case LOGOUT_REFUSED -> session(meters, "logout_refused");
            // A sign-in form without its anti-forgery token: no password was checked.
            case SIGN_IN_FORM_FORGED -> login(meters, "form_rejected");
            case EMAIL_VERIFICATION_SENT -> emailVerification(meters, "sent");
            case EMAIL_VERIFIED -> emailVerification(meters, "verified");
            case EMAIL_VERIFICATION_REFUSED -> emailVerification(meters, "refused");
            case EMAIL_CHANGE_REQUESTED -> emailVerification(meters, "change_requested");
            // The right password, but an unproven address while verification is required.
            case LOGIN_EMAIL_NOT_VERIFIED -> login(meters, "email_not_verified");
            // Two-factor sign-in: enrolment changes, and the second step of a login.
            case TWO_FACTOR_ENROLLED -> session(meters, "two_factor_enrolled");
            case TWO_FACTOR_CONFIRMED -> session(meters, "two_factor_confirmed");
            case TWO_FACTOR_REMOVED -> session(meters, "two_factor_removed");
            case RECOVERY_CODES_REGENERATED -> session(meters, "recovery_codes_regenerated");
            case RECOVERY_CODE_USED -> login(meters, "recovery_code_used");
            case SECOND_FACTOR_REQUIRED -> login(meters, "second_factor_required");
            case SECOND_FACTOR_REFUSED -> login(meters, "second_factor_refused");
            case CLIENT_REGISTERED -> administration(meters, "client_registered");
            case CLIENT_REMOVED -> administration(meters, "client_removed");
            case CLIENT_SECRET_ROTATED -> administration(meters, "client_secret_rotated");
            // The consent page of third-party clients: allowed, refused, and consents taken back later.
            case CONSENT_GIVEN -> session(meters, "consent_given");
            case CONSENT_DENIED -> session(meters, "consent_denied");
            case CONSENT_REVOKED -> session(meters, "consent_revoked");
        };
    }

    private static Counter administration(GatehouseMeters meters, String action) {
        return meters.counter(GatehouseMeters.ADMINISTRATION, "Changes made by administrators, by action",
                Tag.of("action", action));
    }

    private static Counter session(GatehouseMeters meters, String event) {
        return meters.counter(GatehouseMeters.SESSION_EVENTS, "Session events by kind", Tag.of("event", event));
    }

    private static Counter clientRefusal(GatehouseMeters meters, String error) {
        return meters.counter(GatehouseMeters.CLIENT_REFUSALS, "Client applications refused, by OAuth2 error",
                Tag.of("error", error));
    }

    private static Counter passwordChange(GatehouseMeters meters, String outcome) {
        return meters.counter(GatehouseMeters.PASSWORD_CHANGES, "Password changes by outcome",
                Tag.of("outcome", outcome));
    }

    private static Counter emailVerification(GatehouseMeters meters, String outcome) {
        return meters.counter(GatehouseMeters.EMAIL_VERIFICATIONS, "Email verification links by outcome",
                Tag.of("outcome", outcome));
    }

    private static Counter login(GatehouseMeters meters, String outcome) {
        return meters.counter(GatehouseMeters.LOGINS, "Login attempts by outcome", Tag.of("outcome", outcome));
    }
}
