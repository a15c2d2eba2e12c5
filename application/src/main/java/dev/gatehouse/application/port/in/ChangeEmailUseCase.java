package dev.gatehouse.application.port.in;

/**
 * Asks, on proof of the password, to change the account's address: the new address is mailed a verification link and
 * becomes the account's only when that link is used ({@link ConfirmEmailVerificationUseCase}).
 */
public interface ChangeEmailUseCase {

    ChangeEmailResult changeEmail(ChangeEmailCommand command);
}
