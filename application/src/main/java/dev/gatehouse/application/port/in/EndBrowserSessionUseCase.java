package dev.gatehouse.application.port.in;

/**
 * A client sends the person's browser to log out (OpenID Connect RP-Initiated Logout 1.0): their browser session ends,
 * with the refresh tokens it started, on every instance, and the browser may go back to a page the client registered.
 */
public interface EndBrowserSessionUseCase {

    EndBrowserSessionResult endSession(EndBrowserSessionCommand command);
}
