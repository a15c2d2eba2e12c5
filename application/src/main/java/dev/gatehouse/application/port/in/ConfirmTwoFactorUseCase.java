package dev.gatehouse.application.port.in;

/** Confirms a pending enrolment with one valid code: the second factor becomes active and recovery codes are issued. */
public interface ConfirmTwoFactorUseCase {

    TwoFactorResult confirm(TwoFactorCommand command);
}
