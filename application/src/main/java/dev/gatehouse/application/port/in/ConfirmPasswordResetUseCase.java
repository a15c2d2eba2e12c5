package dev.gatehouse.application.port.in;

/**
 * Sets a new password with a reset link's token, once: ends every session and known device of the account, as a
 * password change does, and mails its owner a notice.
 */
public interface ConfirmPasswordResetUseCase {

    ConfirmPasswordResetResult confirmReset(ConfirmPasswordResetCommand command);
}
