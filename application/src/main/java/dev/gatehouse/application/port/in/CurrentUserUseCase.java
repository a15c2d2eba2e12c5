package dev.gatehouse.application.port.in;

/** Resolves the user a bearer access token speaks for. */
public interface CurrentUserUseCase {

    CurrentUserResult currentUser(CurrentUserQuery query);
}
