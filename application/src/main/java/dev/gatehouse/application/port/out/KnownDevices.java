package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.User;
import java.util.Optional;

/**
 * Device credentials in OWASP's "device cookie" pattern: handed to a client after a successful login (as a
 * cookie and in the token answer, for clients without a cookie jar), they let that client's correct password
 * through while the account is throttled, so an attacker's guessing cannot lock the owner out. A credential is
 * bound to the user's id and security version: a password change, disabling or "end sessions" retires every
 * credential issued before it. Every adapter passes {@code KnownDevicesContract}.
 */
public interface KnownDevices {

    /** A new, unforgeable device credential bound to this user as it is now. */
    String enrol(User user);

    /**
     * The device's id when {@code credential} is genuine, unexpired, bound to this user and issued at the user's
     * current security version.
     */
    Optional<String> recognise(String credential, User user);
}
