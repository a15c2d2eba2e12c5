package dev.gatehouse.adapter.out.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to hand mail over: the server, its port, the login (none when the server needs none), the
 * protection, the sender address, and how long to wait for the server at each step (connect, read, write) before
 * the delivery counts as failed and is retried later.
 */
public record SmtpSettings(String host, int port, Optional<String> username, Optional<String> password, SmtpSecurity security,
                           String from, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the SMTP host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the SMTP port must be 1 to 65535");
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("an SMTP username needs a password, and a password a username");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the SMTP timeout must be positive");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security + ", from " + from
                + username.map(name -> ", as " + name + " (password redacted)").orElse("") + "]";
    }
}
