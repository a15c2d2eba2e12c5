package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;

/** Clears an account's login backoff, so its owner can log in at once after an attack on it. */
public interface UnlockUserUseCase {

    AdminResult<User> unlock(AccountAction action);
}
