package dev.gatehouse.application.port.in;

/** Exchanges a username and password for an access token (the OAuth2 password grant). */
public interface LogInUseCase {

    LogInResult logIn(LogInCommand command);
}
