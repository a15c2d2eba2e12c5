package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;

/**
 * An administrator (or the console) sends an account's owner a password-reset link, as the owner could ask for one:
 * the same single-use link, mailed through the outbox. Audited with the administrator's name.
 */
public interface SendPasswordResetUseCase {

    AdminResult<User> sendPasswordReset(AccountAction action);
}
