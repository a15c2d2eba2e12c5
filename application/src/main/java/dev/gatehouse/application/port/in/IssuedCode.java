package dev.gatehouse.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * An authorization code on its way back to the client (RFC 6749 section 4.1.2): the browser is sent to
 * {@code redirectUri} with {@code code} and the request's {@code state}. The code never appears in {@link #toString()}.
 */
public record IssuedCode(String redirectUri, String code, Optional<String> state) {

    public IssuedCode {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return "IssuedCode[redirectUri=" + redirectUri + ", code=redacted]";
    }
}
