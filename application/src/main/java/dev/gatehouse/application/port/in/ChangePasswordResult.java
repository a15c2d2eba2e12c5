package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.AccessToken;
import java.time.Duration;

/** Every way a password change can end; callers switch over it exhaustively. */
public sealed interface ChangePasswordResult {

    /**
     * Changed; every earlier session and known device ended, and this is the caller's new session, with a new
     * known-device credential: the caller proved the password as a login does.
     */
    record Changed(AccessToken accessToken, String refreshToken, String knownDevice) implements ChangePasswordResult {

        @Override
        public String toString() {
            return "Changed[" + accessToken + ", refreshToken=redacted, knownDevice=redacted]";
        }
    }

    /** The bearer token is not valid (or no longer: a newer security version). */
    record InvalidToken() implements ChangePasswordResult {
    }

    record InactiveUser() implements ChangePasswordResult {
    }

    /**
     * Too many wrong current passwords lately: the account's login backoff is on, so a stolen access token cannot
     * be used to guess the password faster than a login could. Nothing was tried or changed.
     */
    record Throttled(Duration retryAfter) implements ChangePasswordResult {
    }

    /**
     * The account's password is kept by an external directory, not by Gatehouse: it is changed there. Nothing was
     * tried (not even the current password) or changed.
     */
    record PasswordInDirectory() implements ChangePasswordResult {
    }

    /** The current password given is wrong; nothing changed. */
    record WrongCurrentPassword() implements ChangePasswordResult {
    }

    /** The new password breaks the password policy, for the reason given; nothing changed. */
    record PasswordRejected(String reason) implements ChangePasswordResult {
    }

    /** Password hashing is at capacity; nothing changed. */
    record Overloaded(Duration retryAfter) implements ChangePasswordResult {
    }
}
