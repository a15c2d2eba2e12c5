package dev.gatehouse.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
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

    @Test
    void writes_what_parsson_writes_for_every_kind_of_value_and_every_character_that_needs_escaping() {
        StringBuilder awkward = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            awkward.append(c);
        }
        awkward.append("é€\uD83D\uDE00\u2028\u007F\uFFFF");
        JsonObject value = JsonCodec.BUILDERS.createObjectBuilder()
                .add("text", awkward.toString())
                .add(awkward.toString(), "key with every character")
                .add("int", 42).add("negative", -7L).add("decimal", new BigDecimal("3.14159e-10")).add("double", 0.1)
                .add("true", true).add("false", false).addNull("null")
                .add("array", JsonCodec.BUILDERS.createArrayBuilder().add(1).add("two").addNull()
                        .add(JsonCodec.BUILDERS.createObjectBuilder()).add(JsonCodec.BUILDERS.createArrayBuilder()))
                .add("nested", JsonCodec.BUILDERS.createObjectBuilder().add("a", JsonCodec.BUILDERS.createObjectBuilder()
                        .add("b", "c")))
                .add("empty", "")
                .build();
        assertEquals(value.toString(), JsonCodec.write(value));
        assertEquals(value, JsonCodec.parseObject(JsonCodec.write(value)).orElseThrow());
    }

    @Test
    void writes_what_parsson_writes_for_random_strings() {
        Random random = new Random(16);
        for (int round = 0; round < 2_000; round++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x100) : random.nextInt(0x10000));
            }
            JsonObject value = JsonCodec.BUILDERS.createObjectBuilder().add(new String(chars), new String(chars)).build();
            assertEquals(value.toString(), JsonCodec.write(value));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
