package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Instant;
import java.util.Optional;

/**
 * The audit event of a refused login. It names the account when one matched, and {@link #UNKNOWN_ACCOUNT}
 * otherwise: what was typed into the username field of a login that matched no account is often a password typed
 * into the wrong field, and the audit trail must never hold a password.
 */
final class FailedLoginEvent {

    /** The subject of a failed login whose username matched no account. */
    static final String UNKNOWN_ACCOUNT = "<unknown>";

    private FailedLoginEvent() {
    }

    static AuditEvent of(LogInCommand command, Optional<User> account, Instant at) {
        return of(AuditEvent.Type.LOGIN_FAILED, command, account, at);
    }

    /** The same for another refused login, such as a throttled one. */
    static AuditEvent of(AuditEvent.Type type, LogInCommand command, Optional<User> account, Instant at) {
        String subject = account.map(user -> user.username().value()).orElse(UNKNOWN_ACCOUNT);
        return new AuditEvent(type, subject, command.client(), at);
    }
}
