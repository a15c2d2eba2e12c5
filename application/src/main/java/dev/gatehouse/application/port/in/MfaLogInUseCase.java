package dev.gatehouse.application.port.in;

/**
 * Completes a password login that asked for the second factor ({@code urn:gatehouse:params:oauth:grant-type:mfa-otp}):
 * the {@code mfa_token} and a one-time code or a recovery code start the session the password grant would have.
 */
public interface MfaLogInUseCase {

    LogInResult complete(MfaLogInCommand command);
}
