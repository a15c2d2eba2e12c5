package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import jakarta.json.JsonObject;
import java.util.List;

/** One entry of a FastAPI (pydantic v1) validation error: where, what, and which kind. */
record FieldError(List<String> loc, String msg, String type) {

    FieldError {
        loc = List.copyOf(loc);
    }

    static FieldError missing(String field) {
        return inBody(field, "field required", "value_error.missing");
    }

    static FieldError isNull(String field) {
        return inBody(field, "none is not an allowed value", "type_error.none.not_allowed");
    }

    static FieldError notAString(String field) {
        return inBody(field, "str type expected", "type_error.str");
    }

    /** A value the domain refused; {@code message} is the domain's, which never repeats the value. */
    static FieldError invalid(String field, String message) {
        return inBody(field, message, "value_error");
    }

    /** {@code where}: {@code query} or {@code body}. */
    static FieldError notABoolean(String where, String field) {
        return new FieldError(List.of(where, field), "value could not be parsed to a boolean", "type_error.bool");
    }

    /** A single-valued field that was sent more than once. */
    static FieldError repeated(String where, String field) {
        return new FieldError(List.of(where, field), "field must be given once", "value_error.repeated");
    }

    static FieldError bodyNotAnObject() {
        return new FieldError(List.of("body"), "body must be a JSON object", "value_error.jsonobject");
    }

    JsonObject toJson() {
        return JsonCodec.BUILDERS.createObjectBuilder()
                .add("loc", JsonCodec.BUILDERS.createArrayBuilder(loc))
                .add("msg", msg)
                .add("type", type)
                .build();
    }

    private static FieldError inBody(String field, String msg, String type) {
        return new FieldError(List.of("body", field), msg, type);
    }
}
