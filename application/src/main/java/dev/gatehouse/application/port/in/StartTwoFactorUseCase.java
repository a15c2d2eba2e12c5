package dev.gatehouse.application.port.in;

/** Starts enrolling a TOTP second factor for the bearer of the token: a new secret, pending until confirmed. */
public interface StartTwoFactorUseCase {

    StartTwoFactorResult start(TwoFactorCommand command);
}
