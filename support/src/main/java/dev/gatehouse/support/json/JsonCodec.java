package dev.gatehouse.support.json;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
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
