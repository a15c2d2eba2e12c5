package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;

/** One user's account as administrators see it (never the password hash). */
public interface ShowUserUseCase {

    AdminResult<User> show(AccountAction action);
}
