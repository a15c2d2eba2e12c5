package dev.gatehouse.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    @Test
    void reads_one_json_object() {
        assertEquals("é", JsonCodec.parseObject(bytes(" {\"name\" : \"é\"}\n")).orElseThrow().getString("name"));
    }

    @Test
    void refuses_anything_but_exactly_one_object() {
        for (String text : List.of("", " ", "[]", "1", "null", "\"text\"", "{", "{}}", "{} {}", "{} x", "{'a':1}",
                "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":2}}")) {
            assertTrue(JsonCodec.parseObject(bytes(text)).isEmpty(), text);
        }
    }

    @Test
    void refuses_invalid_utf8() {
        assertTrue(JsonCodec.parseObject(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}).isEmpty());
        assertTrue(JsonCodec.decodeUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).isEmpty());
        assertTrue(JsonCodec.decodeUtf8(new byte[] {(byte) 0xFF}).isEmpty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
