package dev.gatehouse.adapter.in.web;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against a schema of the OpenAPI document: the JSON Schema keywords the document uses
 * ({@code $ref type const enum properties required additionalProperties items oneOf anyOf pattern minLength
 * maxLength minimum}); annotations such as {@code format} or {@code description} are ignored. Any other
 * keyword fails, so the document cannot use one this checker would silently skip.
 */
final class SchemaValidator {

    private static final List<String> ANNOTATIONS = List.of("title", "description", "format", "default", "examples",
            "contentMediaType");

    private final JsonObject document;

    SchemaValidator(JsonObject document) {
        this.document = document;
    }

    /** Every way {@code value} breaks {@code schema}; empty when it conforms. */
    List<String> problems(JsonValue value, JsonObject schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    /** The value a local {@code $ref} ({@code #/components/...}) points at; fails when it points at nothing. */
    JsonValue resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new AssertionError("not a local reference: " + ref);
        }
        JsonValue current = document;
        for (String token : ref.substring(2).split("/")) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (!(current instanceof JsonObject object) || !object.containsKey(key)) {
                throw new AssertionError("unresolved reference: " + ref);
            }
            current = object.get(key);
        }
        return current;
    }

    /** An object that may be a {@code $ref}, followed. */
    JsonObject deref(JsonObject maybeRef) {
        JsonObject current = maybeRef;
        while (current.containsKey("$ref")) {
            current = resolve(current.getString("$ref")).asJsonObject();
        }
        return current;
    }

    private void check(JsonValue value, JsonObject schema, String at, List<String> problems) {
        for (Map.Entry<String, JsonValue> keyword : schema.entrySet()) {
            String name = keyword.getKey();
            JsonValue argument = keyword.getValue();
            switch (name) {
                case "$ref" -> check(value, resolve(((JsonString) argument).getString()).asJsonObject(), at, problems);
                case "type" -> {
                    List<String> types = argument instanceof JsonArray array
                            ? array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                            : List.of(((JsonString) argument).getString());
                    if (types.stream().noneMatch(type -> hasType(value, type))) {
                        problems.add(at + ": " + value + " is not of type " + types);
                    }
                }
                case "const" -> {
                    if (!argument.equals(value)) {
                        problems.add(at + ": " + value + " is not " + argument);
                    }
                }
                case "enum" -> {
                    if (!argument.asJsonArray().contains(value)) {
                        problems.add(at + ": " + value + " is not one of " + argument);
                    }
                }
                case "properties" -> {
                    if (value instanceof JsonObject object) {
                        argument.asJsonObject().forEach((property, propertySchema) -> {
                            if (object.containsKey(property)) {
                                check(object.get(property), propertySchema.asJsonObject(), at + "." + property, problems);
                            }
                        });
                    }
                }
                case "required" -> {
                    if (value instanceof JsonObject object) {
                        for (JsonString property : argument.asJsonArray().getValuesAs(JsonString.class)) {
                            if (!object.containsKey(property.getString())) {
                                problems.add(at + ": required " + property.getString() + " is missing");
                            }
                        }
                    }
                }
                case "additionalProperties" -> {
                    if (value instanceof JsonObject object && argument == JsonValue.FALSE) {
                        JsonObject properties = schema.getJsonObject("properties");
                        object.keySet().stream()
                                .filter(property -> properties == null || !properties.containsKey(property))
                                .forEach(property -> problems.add(at + ": " + property + " is not allowed"));
                    } else if (argument != JsonValue.TRUE && argument != JsonValue.FALSE) {
                        problems.add(at + ": additionalProperties with a schema is not supported here");
                    }
                }
                case "items" -> {
                    if (value instanceof JsonArray array) {
                        for (int i = 0; i < array.size(); i++) {
                            check(array.get(i), argument.asJsonObject(), at + "[" + i + "]", problems);
                        }
                    }
                }
                case "oneOf", "anyOf" -> {
                    long matching = argument.asJsonArray().stream()
                            .filter(alternative -> problems(value, alternative.asJsonObject()).isEmpty())
                            .count();
                    if (name.equals("oneOf") ? matching != 1 : matching == 0) {
                        problems.add(at + ": " + value + " matches " + matching + " of " + name + " " + argument);
                    }
                }
                case "pattern" -> {
                    if (value instanceof JsonString text
                            && !Pattern.compile(((JsonString) argument).getString()).matcher(text.getString()).find()) {
                        problems.add(at + ": " + value + " does not match " + argument);
                    }
                }
                case "minLength", "maxLength" -> {
                    if (value instanceof JsonString text) {
                        int length = text.getString().codePointCount(0, text.getString().length());
                        int limit = ((JsonNumber) argument).intValue();
                        if (name.equals("minLength") ? length < limit : length > limit) {
                            problems.add(at + ": " + value + " breaks " + name + " " + limit);
                        }
                    }
                }
                case "minimum" -> {
                    if (value instanceof JsonNumber number
                            && number.bigDecimalValue().compareTo(((JsonNumber) argument).bigDecimalValue()) < 0) {
                        problems.add(at + ": " + value + " is under " + argument);
                    }
                }
                default -> {
                    if (!ANNOTATIONS.contains(name)) {
                        problems.add(at + ": schema keyword " + name + " is not supported by this checker");
                    }
                }
            }
        }
    }

    private static boolean hasType(JsonValue value, String type) {
        return switch (type) {
            case "object" -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case "array" -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case "string" -> value.getValueType() == JsonValue.ValueType.STRING;
            case "boolean" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case "null" -> value == JsonValue.NULL;
            case "number" -> value.getValueType() == JsonValue.ValueType.NUMBER;
            case "integer" -> value instanceof JsonNumber number && number.isIntegral();
            default -> throw new AssertionError("unknown type " + type);
        };
    }
}
