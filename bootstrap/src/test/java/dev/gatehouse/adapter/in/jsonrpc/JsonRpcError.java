package dev.gatehouse.adapter.in.jsonrpc;

import dev.gatehouse.support.json.JsonCodec;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A refusal, as JSON-RPC 2.0 error objects say it. Thrown where the refusal is decided and answered once, by
 * {@link JsonRpcServer}; like the web adapter's problems it carries no stack trace, and none ever reaches a client.
 * The codes are stable, clients may switch on them:
 *
 * <pre>
 * code    message                          when                                                 HTTP
 * -32700  Parse error                      the body is not JSON (or not UTF-8)                  200
 * -32600  Invalid Request                  not one JSON-RPC 2.0 request object (batches too)    200
 *                                          not POST, not application/json, over the size limit  405, 415, 413
 * -32601  Method not found                 no such method                                       200
 * -32602  Invalid params                   params not by name, a field missing or invalid,      200
 *                                          a password the policy refuses; data.errors lists them
 * -32603  Internal error                   anything unexpected (logged here, never shown)       200
 * -32001  Not authenticated                no single Authorization: Bearer header               401
 * -32002  Invalid token                    forged, expired, revoked or its user gone            401
 * -32003  Inactive user                    a genuine token of a disabled user                   200
 * -32004  Incorrect username or password   any failed login; throttled adds data.retry_after    200
 * -32005  Username already registered                                                           200
 * -32006  Invalid refresh token            unknown, expired, revoked or already used            200
 * -32007  Client not accepted              clients are registered; this adapter names none      200
 * -32008  Not enough permissions           an admin method without the admin scope              200
 * -32009  No such user                                                                          200
 * -32010  Retry later                      hashing at capacity, too many refreshes, store down; 200
 *                                          data.retry_after in seconds when known
 * </pre>
 *
 * The two 401s carry {@code WWW-Authenticate}, as RFC 6750 section 3 requires of a resource that refuses a bearer
 * token; past the HTTP checks every other answer is HTTP 200, the error being in the body.
 */
final class JsonRpcError extends RuntimeException {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    static final int NOT_AUTHENTICATED = -32001;
    static final int INVALID_TOKEN = -32002;
    static final int INACTIVE_USER = -32003;
    static final int INVALID_CREDENTIALS = -32004;
    static final int USERNAME_TAKEN = -32005;
    static final int INVALID_REFRESH_TOKEN = -32006;
    static final int CLIENT_NOT_ACCEPTED = -32007;
    static final int NOT_ENOUGH_PERMISSIONS = -32008;
    static final int NO_SUCH_USER = -32009;
    static final int RETRY_LATER = -32010;

    /** One field's problem, as {@code data.errors} lists it. */
    record FieldError(String field, String reason) {
    }

    private final JsonObject error;
    private final String bearerChallenge;

    private JsonRpcError(int code, String message, JsonObject data, String bearerChallenge) {
        super(message, null, false, false);
        JsonObjectBuilder error = JsonCodec.BUILDERS.createObjectBuilder().add("code", code).add("message", message);
        if (data != null) {
            error.add("data", data);
        }
        this.error = error.build();
        this.bearerChallenge = bearerChallenge;
    }

    static JsonRpcError of(int code, String message) {
        return new JsonRpcError(code, message, null, null);
    }

    static JsonRpcError invalidParams(List<FieldError> errors) {
        JsonArrayBuilder list = JsonCodec.BUILDERS.createArrayBuilder();
        errors.forEach(error -> list.add(JsonCodec.BUILDERS.createObjectBuilder()
                .add("field", error.field()).add("reason", error.reason())));
        return new JsonRpcError(INVALID_PARAMS, "Invalid params",
                JsonCodec.BUILDERS.createObjectBuilder().add("errors", list).build(), null);
    }

    static JsonRpcError invalidParams(String field, String reason) {
        return invalidParams(List.of(new FieldError(field, reason)));
    }

    /** A refusal the caller may retry after {@code retryAfter}, in whole seconds rounded up. */
    static JsonRpcError retryAfter(int code, String message, Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.plusMillis(999).toSeconds());
        return new JsonRpcError(code, message, JsonCodec.BUILDERS.createObjectBuilder().add("retry_after", seconds).build(),
                null);
    }

    static JsonRpcError notAuthenticated() {
        return new JsonRpcError(NOT_AUTHENTICATED, "Not authenticated", null, "Bearer");
    }

    static JsonRpcError invalidToken() {
        return new JsonRpcError(INVALID_TOKEN, "Could not validate credentials", null, "Bearer error=\"invalid_token\"");
    }

    /** The {@code WWW-Authenticate} value when the bearer token was refused (HTTP 401), else empty. */
    Optional<String> bearerChallenge() {
        return Optional.ofNullable(bearerChallenge);
    }

    /** The error object of a response. */
    JsonObject toJson() {
        return error;
    }
}
