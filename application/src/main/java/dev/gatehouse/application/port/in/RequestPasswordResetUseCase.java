package dev.gatehouse.application.port.in;

/** Mails a single-use password-reset link to the owner of a username or an email address, if there is one. */
public interface RequestPasswordResetUseCase {

    RequestPasswordResetResult requestReset(RequestPasswordResetCommand command);
}
