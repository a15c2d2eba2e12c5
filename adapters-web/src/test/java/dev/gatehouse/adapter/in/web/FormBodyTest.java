package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void decodes_plus_percent_escapes_and_raw_utf8() {
        FormBody form = parse("username=john+doe&password=a%2Bb%26c%3D%C3%A9&note=€𝄞&flag&empty=").orElseThrow();

        assertEquals(Optional.of("john doe"), form.value("username"));
        assertEquals(Optional.of("a+b&c=é"), form.value("password"));
        assertEquals(Optional.of("€𝄞"), form.value("note"));
        assertEquals(Optional.of(""), form.value("flag"));
        assertEquals(Optional.of(""), form.value("empty"));
        assertEquals(Optional.empty(), form.value("missing"));
    }

    @Test
    void skips_empty_pairs_and_reports_repeats() {
        FormBody form = parse("&&a=1&&a=2&b=3&").orElseThrow();

        assertEquals(Optional.of("1"), form.value("a"));
        assertTrue(form.isRepeated("a"));
        assertFalse(form.isRepeated("b"));
        assertTrue(parse("").orElseThrow().fields().isEmpty());
    }

    @Test
    void refuses_malformed_escapes_and_invalid_utf8() {
        for (String body : List.of("a=%", "a=%4", "a=%zz", "a=%4g", "a=%C3%28", "a=%FF", "%ZZ=1", "a=%٣٣")) {
            assertTrue(parse(body).isEmpty(), body);
        }
        assertTrue(FormBody.parse(new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}).isEmpty());
    }

    private static Optional<FormBody> parse(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
