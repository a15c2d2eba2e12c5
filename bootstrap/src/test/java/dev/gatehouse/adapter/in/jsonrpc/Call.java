package dev.gatehouse.adapter.in.jsonrpc;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One method call as a method sees it: its parameters, the bearer token of the HTTP request (RFC 6750 section 2.1,
 * empty without exactly one {@code Authorization: Bearer} header) and the address it came from, which the use cases
 * throttle and audit by. The token is a credential: {@link #toString()} leaves it out.
 */
record Call(Params params, Optional<String> bearerToken, ClientAddress client) {

    Call {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(client, "client");
    }

    /** The bearer token, else {@code -32001 Not authenticated}. */
    String requireBearerToken() {
        return bearerToken.orElseThrow(JsonRpcError::notAuthenticated);
    }

    @Override
    public String toString() {
        return "Call[client=" + client + ", bearerToken=" + (bearerToken.isPresent() ? "redacted" : "none") + "]";
    }
}
