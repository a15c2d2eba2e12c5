package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;

/** Ends every session of an account: its refresh tokens and access tokens stop working at once. */
public interface EndUserSessionsUseCase {

    AdminResult<User> endSessions(AccountAction action);
}
