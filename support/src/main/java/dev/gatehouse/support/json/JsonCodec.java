package dev.gatehouse.support.json;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonConfig;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for Gatehouse's adapters (HTTP bodies, JOSE parts of tokens). Untrusted bytes are read as exactly one JSON object: strict UTF-8, no duplicate keys,
 * nothing after the object. The lenient defaults (replacement characters, last duplicate wins, trailing text
 * ignored) would let two readers of the same bytes disagree about what was sent.
 */
public final class JsonCodec {

    /** One factory for every adapter: {@code Json.createObjectBuilder()} looks the provider up on every call. */
    public static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    // JsonParser.getObject() ignores the standard KEY_STRATEGY; Parsson's own switch is what refuses duplicates
    // there. JsonCodecTest pins that, so an implementation change cannot slip through unnoticed.
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of(
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
            "org.eclipse.parsson.rejectDuplicateKeys", true));

    private static final String HEX_DIGITS = "0123456789abcdef";

    private JsonCodec() {
    }

    /** The object the bytes hold, or empty when they are not valid UTF-8 holding exactly one JSON object. */
    public static Optional<JsonObject> parseObject(byte[] utf8) {
        return decodeUtf8(utf8).flatMap(JsonCodec::parseObject);
    }

    public static Optional<JsonObject> parseObject(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            JsonObject object = parser.getObject();
            return parser.hasNext() ? Optional.empty() : Optional.of(object);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The JSON text of {@code value}, character for character what {@code value.toString()} writes: a saturated
     * {@code GET /users/me} spent 11 % of its CPU in that call, a writer, a generator and a pooled buffer made for
     * each small body (bench/README.md, "The request path").
     */
    public static String write(JsonValue value) {
        StringBuilder text = new StringBuilder(256);
        write(value, text);
        return text.toString();
    }

    private static void write(JsonValue value, StringBuilder text) {
        switch (value) {
            case JsonString string -> quoted(string.getString(), text);
            case JsonObject object -> {
                text.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                    if (!first) {
                        text.append(',');
                    }
                    first = false;
                    quoted(member.getKey(), text);
                    text.append(':');
                    write(member.getValue(), text);
                }
                text.append('}');
            }
            case JsonArray array -> {
                text.append('[');
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        text.append(',');
                    }
                    write(array.get(i), text);
                }
                text.append(']');
            }
            // Numbers, true, false and null write themselves as JSON.
            default -> text.append(value);
        }
    }

    /**
     * RFC 8259's escapes, as Parsson writes them: the two-character ones where they exist, else {@code \\u} and four
     * hex digits.
     */
    private static void quoted(String string, StringBuilder text) {
        text.append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"', '\\' -> text.append('\\').append(c);
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append("\\u00").append(HEX_DIGITS.charAt(c >> 4)).append(HEX_DIGITS.charAt(c & 0xF));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    /** The text, or empty when the bytes are not well-formed UTF-8. */
    public static Optional<String> decodeUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException malformed) {
            return Optional.empty();
        }
    }
}
