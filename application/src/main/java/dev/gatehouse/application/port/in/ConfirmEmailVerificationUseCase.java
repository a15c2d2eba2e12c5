package dev.gatehouse.application.port.in;

/** Proves an email address with the single-use link mailed to it; for a change of address, the change takes effect. */
public interface ConfirmEmailVerificationUseCase {

    ConfirmEmailVerificationResult confirmVerification(ConfirmEmailVerificationCommand command);
}
