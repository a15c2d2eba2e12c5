package dev.gatehouse.application.port.in;

/**
 * Ends the caller's session, or every session of the caller ("log out everywhere"), which also makes every
 * access token issued so far stop working at once.
 */
public interface LogOutUseCase {

    LogOutResult logOut(LogOutCommand command);
}
