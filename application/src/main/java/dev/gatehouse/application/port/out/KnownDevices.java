package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.Username;
import java.util.Optional;

/**
 * Device credentials in OWASP's "device cookie" pattern: handed to a client after a successful login, they
 * let that client's correct password through while the account is throttled, so an attacker's guessing
 * cannot lock the owner out. Every adapter passes {@code KnownDevicesContract}.
 */
public interface KnownDevices {

    /** A new, unforgeable device credential bound to this user. */
    String enrol(Username username);

    /** The device's id when {@code credential} is genuine, unexpired and bound to {@code username}. */
    Optional<String> recognise(String credential, Username username);
}
