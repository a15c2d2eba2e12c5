package dev.gatehouse.application.port.in;

/** Removes the bearer's second factor, on proof of a current code, a recovery code or the password. */
public interface RemoveTwoFactorUseCase {

    TwoFactorResult remove(TwoFactorCommand command);
}
