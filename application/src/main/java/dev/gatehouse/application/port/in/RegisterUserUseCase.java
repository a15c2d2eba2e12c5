package dev.gatehouse.application.port.in;

/** Creates a new account from a username, a password and optional profile fields. */
public interface RegisterUserUseCase {

    RegisterUserResult register(RegisterUserCommand command);
}
