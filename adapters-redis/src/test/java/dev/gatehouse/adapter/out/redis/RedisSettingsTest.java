package dev.gatehouse.adapter.out.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.domain.FailedAttempts;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {

    @Test
    void masks_the_password_wherever_the_url_is_shown() {
        RedisSettings settings = RedisSettings.parse("rediss://gatehouse:s3cret@redis.internal:6380/2");

        assertEquals("rediss://gatehouse:***@redis.internal:6380/2", settings.redactedUrl());
        assertFalse(settings.toString().contains("s3cret"));
        assertEquals("redis://localhost:6379", RedisSettings.parse("redis://localhost:6379").redactedUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:6379", "localhost:6379", "redis:///0", "redis://localhost:6379/cache",
            "redis://user:s3cret@host:6379/x y"})
    void refuses_what_is_not_a_redis_url_without_quoting_it(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RedisSettings.parse(text));

        assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
    }

    @Test
    void a_throttle_entry_reads_back_as_written() {
        FailedAttempts attempts = new FailedAttempts(3, Instant.parse("2026-11-22T10:15:30.123456789Z"),
                Instant.parse("2026-11-22T10:16:00Z"), Instant.parse("2026-11-22T10:17:00.5Z"));

        assertEquals(attempts, RedisLoginThrottle.parse(RedisLoginThrottle.format(attempts)));
        assertEquals(FailedAttempts.NONE, RedisLoginThrottle.parse(null));
    }
}
