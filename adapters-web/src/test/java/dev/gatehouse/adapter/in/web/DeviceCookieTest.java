package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceCookieTest {

    @Test
    void finds_the_device_cookie_among_others() {
        assertEquals(Optional.of("abc.def"), DeviceCookie.read(List.of("gatehouse_device=abc.def")));
        assertEquals(Optional.of("abc.def"), DeviceCookie.read(List.of("theme=dark; gatehouse_device=abc.def; lang=en")));
        assertEquals(Optional.of("abc.def"), DeviceCookie.read(List.of("theme=dark", "gatehouse_device=abc.def")));
        assertEquals(Optional.of("abc.def"), DeviceCookie.read(List.of("gatehouse_device=\"abc.def\"")));
        assertEquals(Optional.of("first"), DeviceCookie.read(List.of("gatehouse_device=first; gatehouse_device=second")));
    }

    @Test
    void skips_malformed_and_oversized_cookies() {
        assertEquals(Optional.of("good"), DeviceCookie.read(List.of(
                "gatehouse_device; gatehouse_device=; gatehouse_device=" + "a".repeat(1025) + "; gatehouse_device=a b; "
                        + "gatehouse_device=a\\b; gatehouse_device=\"; =x; ;; gatehouse_device=good")));
        assertEquals(Optional.of("a".repeat(1024)), DeviceCookie.read(List.of("gatehouse_device=" + "a".repeat(1024))));
        for (String header : List.of("", ";", "gatehouse_device", "gatehouse_device=", "Gatehouse_Device=x",
                "gatehouse_device_old=x", "xgatehouse_device=x", "gatehouse_device=" + "a".repeat(1025),
                "gatehouse_device=é", "gatehouse_device=\"a")) {
            assertEquals(Optional.empty(), DeviceCookie.read(List.of(header)), header);
        }
        assertEquals(Optional.empty(), DeviceCookie.read(List.of()));
    }

    @Test
    void writes_a_strict_http_only_cookie_for_the_token_path() {
        Header secure = DeviceCookie.write("abc.def", Duration.ofDays(30), true).orElseThrow();
        Header plain = DeviceCookie.write("abc.def", Duration.ofHours(1), false).orElseThrow();

        assertEquals(HeaderNames.SET_COOKIE, secure.headerName());
        assertEquals("gatehouse_device=abc.def; Path=/token; Max-Age=2592000; HttpOnly; SameSite=Strict; Secure", secure.get());
        assertEquals("gatehouse_device=abc.def; Path=/token; Max-Age=3600; HttpOnly; SameSite=Strict", plain.get());
    }

    @Test
    void refuses_to_write_what_would_break_the_header() {
        for (String credential : List.of("", "a;b", "a b", "a\r\nSet-Cookie: x=y", "a,b", "\"a\"", "é")) {
            assertTrue(DeviceCookie.write(credential, Duration.ofDays(1), true).isEmpty(), credential);
        }
    }
}
