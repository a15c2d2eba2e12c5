package dev.gatehouse.application.port.in;

/**
 * Signs a person in on the sign-in page, with the password check of the token endpoint (the same throttling, known
 * devices, timing and audit), and issues the authorization code the pending request asked for.
 */
public interface SignInUseCase {

    SignInResult signIn(SignInCommand command);
}
