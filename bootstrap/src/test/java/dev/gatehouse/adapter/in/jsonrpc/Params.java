package dev.gatehouse.adapter.in.jsonrpc;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A call's by-name parameters, read into domain values. Every field's problem is collected, so one
 * {@code -32602 Invalid params} lists them all; the domain values' own checks (a username's characters, a password's
 * length) are the rules, their messages the reasons. Members a method does not read are ignored, as the web adapter
 * ignores body fields a client may not set.
 */
final class Params {

    private final JsonObject params;
    private final List<JsonRpcError.FieldError> errors = new ArrayList<>();

    Params(JsonObject params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** The field as {@code factory} reads it; null (after noting the problem) when it is missing or invalid. */
    <T> T required(String field, Function<String, T> factory) {
        return optional(field, factory).orElseGet(() -> {
            if (!params.containsKey(field) || params.isNull(field)) {
                errors.add(new JsonRpcError.FieldError(field, "required"));
            }
            return null;
        });
    }

    /** The field as {@code factory} reads it; empty when absent, null or invalid (an invalid one is noted). */
    <T> Optional<T> optional(String field, Function<String, T> factory) {
        JsonValue value = params.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString text)) {
            errors.add(new JsonRpcError.FieldError(field, "must be a string"));
            return Optional.empty();
        }
        try {
            return Optional.of(factory.apply(text.getString()));
        } catch (IllegalArgumentException invalid) {
            errors.add(new JsonRpcError.FieldError(field, invalid.getMessage()));
            return Optional.empty();
        }
    }

    /** Throws {@code -32602} listing every problem noted so far. Call it before using what was read. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw JsonRpcError.invalidParams(errors);
        }
    }
}
