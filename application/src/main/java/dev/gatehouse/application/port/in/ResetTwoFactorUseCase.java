package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;

/**
 * An administrator removes a user's second factor (a lost phone and lost recovery codes): the password alone signs in
 * again, until the user enrols anew. Done also when there was none; audited only when one was removed.
 */
public interface ResetTwoFactorUseCase {

    AdminResult<User> resetTwoFactor(AccountAction action);
}
