package dev.gatehouse.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Something security-relevant that happened: what, to whom (the username as given, made safe for logs),
 * from where and when, and who did it when that was not the subject (an administrator, or {@link #CONSOLE}
 * for the command line); {@code actor} is empty otherwise. Never carries a password or a token.
 */
public record AuditEvent(Type type, String subject, ClientAddress client, Instant occurredAt, String actor) {

    /** The actor of changes made from the command line, by whoever can run the jar against the database. */
    public static final String CONSOLE = "(console)";

    public static final int MAX_SUBJECT_LENGTH = 64;

    /** The kinds of event Gatehouse records. */
    public enum Type {
        USER_REGISTERED,
        /** An account was imported from another system with its password hash, at the command line. */
        USER_IMPORTED,
        /** A registration asked for a name that is taken; repeated, it is someone enumerating or flooding. */
        USERNAME_TAKEN,
        LOGIN_SUCCEEDED,
        LOGIN_FAILED,
        LOGIN_THROTTLED,
        PASSWORD_REHASHED,
        FLOOD_REJECTED,
        TOKEN_REFRESHED,
        REFRESH_TOKEN_REUSED,
        /**
         * A used refresh token presented again within the reuse grace window: refused, the session kept (an honest
         * client that lost the answer, or a thief a few seconds ahead of the owner: the trail shows which).
         */
        REFRESH_TOKEN_RACED,
        SESSION_REVOKED,
        LOGGED_OUT,
        LOGGED_OUT_EVERYWHERE,
        PASSWORD_CHANGED,
        PASSWORD_CHANGE_REFUSED,
        /** Someone asked for a reset link for this name or address (whether or not an account has it). */
        PASSWORD_RESET_REQUESTED,
        /** A reset link was used: the password was set and every session ended. */
        PASSWORD_RESET,
        /** A reset link was presented that is unknown, used or expired. */
        PASSWORD_RESET_REFUSED,
        /** A verification link was mailed (after registration, on request, or for a new address). */
        EMAIL_VERIFICATION_SENT,
        /** A verification link was used: the address it was sent to is the account's, proven. */
        EMAIL_VERIFIED,
        /** A verification link was presented that is unknown, used or expired. */
        EMAIL_VERIFICATION_REFUSED,
        /** The owner asked to change the address (the change waits for the new address's link). */
        EMAIL_CHANGE_REQUESTED,
        /** A password check passed, but the account's address is unproven and verification is required: no tokens. */
        LOGIN_EMAIL_NOT_VERIFIED,
        CLIENT_AUTHENTICATION_FAILED,
        UNAUTHORIZED_CLIENT,
        /** A client obtained a token about itself (the client credentials grant); the subject is the client. */
        CLIENT_TOKEN_ISSUED,
        USER_DISABLED,
        USER_ENABLED,
        ACCOUNT_UNLOCKED,
        ROLE_ASSIGNED,
        ROLE_REMOVED,
        SESSIONS_REVOKED,
        /** An operator forced a signing-key rotation; the subject is the new key's id. */
        SIGNING_KEY_ROTATED,
        /** An operator revoked a (compromised) signing key; the subject is its id. */
        SIGNING_KEY_REVOKED,
        /** A user signed in on the sign-in page and an authorization code was issued to the client; subject: the user. */
        AUTHORIZATION_CODE_ISSUED,
        /** A person logged out of their browser session through a client (RP-initiated logout); subject: the user. */
        BROWSER_SESSION_ENDED,
        /** A logout was refused (an unverifiable id_token_hint, an unregistered post_logout_redirect_uri, a forged form). */
        LOGOUT_REFUSED,
        /** An authorization code was redeemed at the token endpoint; subject: the user. */
        AUTHORIZATION_CODE_REDEEMED,
        /** An authorization code was refused at the token endpoint (unknown, expired, wrong verifier, client or URI). */
        AUTHORIZATION_CODE_REFUSED,
        /** A redeemed authorization code came back: the session it started is revoked (RFC 6749 section 4.1.2). */
        AUTHORIZATION_CODE_REPLAYED,
        /** A sign-in form came back without the token of its authorization request (cross-site request forgery). */
        SIGN_IN_FORM_FORGED,
        /** A user started enrolling a TOTP second factor (pending until confirmed). */
        TWO_FACTOR_ENROLLED,
        /** A user confirmed the second factor with a valid code: it is active, recovery codes were issued. */
        TWO_FACTOR_CONFIRMED,
        /** The second factor was removed, by its owner or (actor set) an administrator. */
        TWO_FACTOR_REMOVED,
        /** A new set of recovery codes replaced the old one. */
        RECOVERY_CODES_REGENERATED,
        /** A recovery code stood in for a one-time code (it is used up). */
        RECOVERY_CODE_USED,
        /** A right password asked for the second factor (the password grant's mfa_token was issued). */
        SECOND_FACTOR_REQUIRED,
        /** A one-time or recovery code was refused (wrong, already used, or the attempt was throttled). */
        SECOND_FACTOR_REFUSED,
        /** An administrator registered a client as data; the subject is the client's id. */
        CLIENT_REGISTERED,
        /** An administrator removed a client registered as data, ending its sessions; the subject is its id. */
        CLIENT_REMOVED,
        /** An administrator replaced a client's secret; the subject is its id. */
        CLIENT_SECRET_ROTATED,
        /** A person allowed a third-party client the scopes it asked for on the consent page; subject: the user. */
        CONSENT_GIVEN,
        /** A person refused a third-party client on the consent page (it was told access_denied); subject: the user. */
        CONSENT_DENIED,
        /** A person's consent to a client was revoked, by them or (actor set) an administrator; subject: the user. */
        CONSENT_REVOKED
    }

    /** An event the subject caused itself. */
    public AuditEvent(Type type, String subject, ClientAddress client, Instant occurredAt) {
        this(type, subject, client, occurredAt, "");
    }

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(occurredAt, "occurredAt");
        subject = safe(subject);
        actor = safe(actor);
    }

    public boolean hasActor() {
        return !actor.isEmpty();
    }

    /**
     * An attacker chooses the username of a failed login; keep only printable ASCII and bound the length so
     * it cannot forge log lines or fill the table.
     */
    private static String safe(String raw) {
        if (raw == null) {
            return "";
        }
        String printable = raw.codePoints()
                .map(c -> c >= 0x21 && c <= 0x7E ? c : '?')
                .limit(MAX_SUBJECT_LENGTH)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable;
    }
}
