package dev.gatehouse.application.port.in;

/**
 * The sign-in page's second step for an account with a second factor: the code from the person's authenticator app
 * (or a recovery code) completes the challenge the right password opened, with the mfa-otp grant's checks (throttled
 * per account like passwords, each code accepted once, audited), and only then issues the authorization code and the
 * browser session.
 */
public interface SignInWithCodeUseCase {

    SignInWithCodeResult signIn(SignInWithCodeCommand command);
}
