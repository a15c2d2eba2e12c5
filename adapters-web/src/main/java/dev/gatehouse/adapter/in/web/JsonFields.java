package dev.gatehouse.adapter.in.web;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads string fields of a JSON request body into domain values, collecting every problem instead of stopping
 * at the first, so one 422 answer lists them all. Members it is not asked about are ignored.
 */
final class JsonFields {

    private final JsonObject json;
    private final List<FieldError> errors = new ArrayList<>();

    JsonFields(JsonObject json) {
        this.json = json;
    }

    /** The field's value, or null after recording why there is none. */
    <T> T required(String field, Function<String, T> factory) {
        JsonValue value = json.get(field);
        if (value == null) {
            errors.add(FieldError.missing(field));
            return null;
        }
        if (value == JsonValue.NULL) {
            errors.add(FieldError.isNull(field));
            return null;
        }
        return convert(field, value, factory).orElse(null);
    }

    /** The field's value; empty when absent or null, and after recording a problem. */
    <T> Optional<T> optional(String field, Function<String, T> factory) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        return convert(field, value, factory);
    }

    /** Throws the 422 listing every problem recorded so far, if any. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw HttpProblem.validation(errors);
        }
    }

    private <T> Optional<T> convert(String field, JsonValue value, Function<String, T> factory) {
        if (!(value instanceof JsonString text)) {
            errors.add(FieldError.notAString(field));
            return Optional.empty();
        }
        try {
            return Optional.of(factory.apply(text.getString()));
        } catch (IllegalArgumentException invalid) {
            errors.add(FieldError.invalid(field, invalid.getMessage()));
            return Optional.empty();
        }
    }
}
