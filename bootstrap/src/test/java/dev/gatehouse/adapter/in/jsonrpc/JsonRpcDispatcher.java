package dev.gatehouse.adapter.in.jsonrpc;

import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.support.json.JsonCodec;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JSON-RPC 2.0 without the HTTP: reads one request object, calls its method and says the response, or nothing for a
 * notification (a request without {@code id}), which is carried out but never answered. Every failure becomes an
 * error object of {@link JsonRpcError}'s table, decided here once; batches are refused as {@code -32600}.
 */
final class JsonRpcDispatcher {

    private static final Logger LOG = Logger.getLogger(JsonRpcDispatcher.class.getName());

    /** What to send back: the response object and, when a bearer token was refused, the challenge for the 401. */
    record Reply(JsonObject body, Optional<String> bearerChallenge) {
    }

    private final Map<String, Function<Call, JsonObject>> methods;

    JsonRpcDispatcher(JsonRpcUseCases useCases) {
        Objects.requireNonNull(useCases, "useCases");
        TokenMethods tokens = new TokenMethods(useCases.logIn(), useCases.refreshToken());
        UserMethods users = new UserMethods(useCases.registerUser(), useCases.currentUser(), useCases.showUser());
        methods = Map.of(
                "users.register", users::register,
                "users.me", users::me,
                "users.show", users::show,
                "token.password", tokens::password,
                "token.refresh", tokens::refresh);
    }

    /** The reply to {@code body}; empty for a notification. */
    Optional<Reply> dispatch(byte[] body, Optional<String> bearerToken, ClientAddress client) {
        Optional<String> text = JsonCodec.decodeUtf8(body);
        Optional<JsonObject> request = text.flatMap(JsonCodec::parseObject);
        if (request.isEmpty()) {
            return Optional.of(error(JsonValue.NULL, text.map(JsonRpcDispatcher::notOneRequestObject)
                    .orElseGet(() -> JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error: the body is not UTF-8"))));
        }
        JsonValue id = request.get().getOrDefault("id", JsonValue.NULL);
        if (!validId(id)) {
            return Optional.of(error(JsonValue.NULL, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: id must be a string, a number or null")));
        }
        // An invalid request is answered even without an id: it may be no notification at all.
        if (!(request.get().get("jsonrpc") instanceof JsonString version) || !version.getString().equals("2.0")
                || !(request.get().get("method") instanceof JsonString name)) {
            return Optional.of(error(id, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: jsonrpc must be \"2.0\" and method a string")));
        }
        Reply reply;
        try {
            reply = success(id, call(name.getString(), request.get(), bearerToken, client));
        } catch (JsonRpcError refused) {
            reply = error(id, refused);
        }
        return request.get().containsKey("id") ? Optional.of(reply) : Optional.empty();
    }

    private JsonObject call(String name, JsonObject request, Optional<String> bearerToken, ClientAddress client) {
        Function<Call, JsonObject> method = methods.get(name);
        if (method == null) {
            throw JsonRpcError.of(JsonRpcError.METHOD_NOT_FOUND, "Method not found");
        }
        JsonValue params = request.getOrDefault("params", JsonValue.EMPTY_JSON_OBJECT);
        if (!(params instanceof JsonObject byName)) {
            throw JsonRpcError.invalidParams("params", "must be an object: parameters are passed by name");
        }
        try {
            return method.apply(new Call(new Params(byName), bearerToken, client));
        } catch (StoreUnavailableException unavailable) {
            LOG.log(Level.WARNING, "store unavailable during " + name, unavailable);
            throw JsonRpcError.of(JsonRpcError.RETRY_LATER, "Service unavailable, retry later");
        } catch (JsonRpcError refused) {
            throw refused;
        } catch (RuntimeException bug) {
            // A broken invariant: logged here with its stack trace, never shown to the caller.
            LOG.log(Level.SEVERE, "JSON-RPC method " + name + " failed", bug);
            throw JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "Internal error");
        }
    }

    /** Valid JSON that is no single request object (an array, a batch, duplicate member names) or no JSON at all. */
    private static JsonRpcError notOneRequestObject(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            reader.readValue();
            return JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: send one request object without repeated members; batches are not supported");
        } catch (JsonException malformed) {
            return JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error");
        }
    }

    private static boolean validId(JsonValue id) {
        return switch (id.getValueType()) {
            case STRING, NUMBER, NULL -> true;
            case OBJECT, ARRAY, TRUE, FALSE -> false;
        };
    }

    private static Reply success(JsonValue id, JsonObject result) {
        return new Reply(envelope(id).add("result", result).build(), Optional.empty());
    }

    private static Reply error(JsonValue id, JsonRpcError error) {
        return new Reply(envelope(id).add("error", error.toJson()).build(), error.bearerChallenge());
    }

    private static JsonObjectBuilder envelope(JsonValue id) {
        return JsonCodec.BUILDERS.createObjectBuilder().add("jsonrpc", "2.0").add("id", id);
    }
}
