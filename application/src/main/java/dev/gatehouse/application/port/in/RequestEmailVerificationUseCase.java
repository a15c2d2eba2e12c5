package dev.gatehouse.application.port.in;

/** Mails a new single-use verification link to the unproven address of the account named by a username or address. */
public interface RequestEmailVerificationUseCase {

    RequestEmailVerificationResult requestVerification(RequestEmailVerificationCommand command);
}
