package dev.gatehouse.application.port.in;

/** Replaces the bearer's recovery codes with ten new ones, on proof of a current code. */
public interface RegenerateRecoveryCodesUseCase {

    TwoFactorResult regenerate(TwoFactorCommand command);
}
