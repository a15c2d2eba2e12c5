package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The access line's fields written without a Formatter read as they did with one. */
class AccessLogFormatTest {

    @Test
    void writes_the_duration_as_format_did_with_one_decimal() {
        SplittableRandom random = new SplittableRandom(16);
        for (long nanos : new long[] {0, 1, 49_999, 50_000, 99_999, 100_000, 950_000, 1_000_000, 1_049_999, 1_050_000,
                123_456_789, 9_999_950_000L}) {
            assertEquals(String.format(Locale.ROOT, "%.1f", nanos / 1e6), AccessLog.millisWithOneDecimal(nanos), "nanos " + nanos);
        }
        for (int i = 0; i < 100_000; i++) {
            long nanos = random.nextLong(60_000_000_000L);
            assertEquals(String.format(Locale.ROOT, "%.1f", nanos / 1e6), AccessLog.millisWithOneDecimal(nanos), "nanos " + nanos);
        }
    }

    @Test
    void a_fresh_request_id_is_32_lowercase_hex_digits() {
        for (int i = 0; i < 1_000; i++) {
            String id = AccessLog.requestId(List.of());
            assertTrue(id.matches("[0-9a-f]{32}"), id);
        }
    }

    @Test
    void a_method_is_labelled_as_itself_or_other() {
        assertEquals("GET", AccessLog.methodLabel("GET"));
        assertEquals("PATCH", AccessLog.methodLabel("PATCH"));
        assertEquals("OTHER", AccessLog.methodLabel("get"));
        assertEquals("OTHER", AccessLog.methodLabel("BREW"));
    }
}
