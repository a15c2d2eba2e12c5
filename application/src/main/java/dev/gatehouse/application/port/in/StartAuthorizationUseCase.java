package dev.gatehouse.application.port.in;

/**
 * Judges an authorization request (RFC 6749 section 4.1.1 with PKCE): asks the person to sign in, or, when their
 * browser session is still good, issues the code at once.
 */
public interface StartAuthorizationUseCase {

    StartAuthorizationResult start(StartAuthorizationCommand command);
}
