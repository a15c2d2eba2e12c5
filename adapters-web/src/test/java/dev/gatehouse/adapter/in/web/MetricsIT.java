package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.service.UseCases;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;

import dev.gatehouse.adapter.out.observability.ConnectionPoolStats;

import dev.gatehouse.adapter.out.observability.GatehouseMeters;

import dev.gatehouse.adapter.out.security.HmacKnownDevices;

import dev.gatehouse.adapter.out.security.JwtSettings;

import dev.gatehouse.adapter.out.security.JwtAccessTokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} on a server wired as bootstrap wires it, the ports wrapped in {@link GatehouseMeters}'
 * decorators. The server has a registry of its own; the tests share it, so every assertion is on a change.
 */
class MetricsIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String REQUESTS = "gatehouse_http_requests_total";
    private static final String DURATION_COUNT = "gatehouse_http_request_duration_seconds_count";

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private static final InMemoryRevokedAccessTokens REVOKED = new InMemoryRevokedAccessTokens();
    private static final InMemoryUserRepository USERS = new InMemoryUserRepository();
    private static final FastPasswordHasher FAST_HASHER = new FastPasswordHasher();
    /** This server's meters, in a registry of its own, as each Gatehouse has. */
    private static final PrometheusMeterRegistry REGISTRY = GatehouseMeters.newRegistry();
    private static final GatehouseMeters METERS = new GatehouseMeters(REGISTRY);
    private static RealServer server;

    @BeforeAll
    static void start() {
        byte[] secret = JwtSettings.randomSecret();
        PasswordHasher hasher = METERS.timed(FAST_HASHER);
        AccessTokens tokens = METERS.counted(new JwtAccessTokens(new JwtSettings("gatehouse-test", "gatehouse-test",
                secret, JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW), CLOCK));
        AuditLog audit = METERS.countingOutcomes(new RecordingAuditLog());
        HmacKnownDevices devices = new HmacKnownDevices(secret, HmacKnownDevices.DEFAULT_LIFETIME, CLOCK);
        WebUseCases useCases = TestGatehouse.webUseCases(new UseCases(InMemoryDrivenPorts.builder(USERS, hasher, CLOCK)
                .passwordDirectory(PasswordDirectory.none())
                .accessTokens(tokens)
                .revokedAccessTokens(REVOKED)
                .knownDevices(devices)
                .auditLog(audit)
                .build(),
                new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT, TestGatehouse.RETENTION,
                        Optional.empty())));
        USERS.add(User.register(new Username("johndoe"), FAST_HASHER.hash(new PlainPassword(PASSWORD)), null, null, CLOCK.instant()));
        METERS.registerPoolGauges(() -> new ConnectionPoolStats(3, 4, 7, 2, 10));
        server = new RealServer(useCases, WebSettings.DEFAULT, new Operations(List.of(), Duration.ofSeconds(2), REGISTRY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void serves_every_meter_in_the_prometheus_text_format() {
        get("/health/live");
        awaitScrape(metrics -> metrics.type("gatehouse_http_requests_total").isPresent());

        RawHttp.Answer answer = get("/metrics");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(List.of("text/plain; version=0.0.4; charset=utf-8"), answer.all("Content-Type"));
        assertEquals(List.of("no-store"), answer.all("Cache-Control"));
        assertEquals(List.of("nosniff"), answer.all("X-Content-Type-Options"));
        PrometheusText metrics = PrometheusText.parse(answer.body());
        assertEquals("counter", metrics.type("gatehouse_http_requests_total").orElseThrow());
        assertEquals("histogram", metrics.type("gatehouse_http_request_duration_seconds").orElseThrow());
        assertEquals("histogram", metrics.type("gatehouse_password_hash_duration_seconds").orElseThrow());
        assertEquals("counter", metrics.type("gatehouse_logins_total").orElseThrow());
        assertEquals("counter", metrics.type("gatehouse_tokens_verifications_total").orElseThrow());
    }

    @Test
    void counts_and_times_requests_by_route_template_never_by_the_path_sent() {
        PrometheusText before = scrape();

        get("/users/me");
        get("/users/me?access_token=secret-in-query");
        get("/users/4711");
        get("/users/me/4711/%3Cscript%3E");
        get("/docs/swagger-initializer.js");
        RawHttp.send(server.port(), RawHttp.post("/token", "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        RawHttp.send(server.port(), RawHttp.request("BREW /token HTTP/1.1", List.of(), new byte[0]));

        PrometheusText after = awaitScrape(metrics -> delta(before, metrics, "GET", "/docs/{file}", 200) >= 1);
        assertEquals(2, delta(before, after, "GET", "/users/me", 401));
        assertEquals(2, delta(before, after, "GET", "unmatched", 404));
        assertEquals(1, delta(before, after, "GET", "/docs/{file}", 200));
        assertEquals(1, delta(before, after, "POST", "/token", 415));
        assertEquals(1, delta(before, after, "OTHER", "/token", 405));
        assertEquals(2, durationDelta(before, after, "GET", "/users/me", 401), "each request timed once");

        Set<String> routes = after.samples(REQUESTS).stream().map(s -> s.labels().get("route")).collect(Collectors.toSet());
        Set<String> known = RoutedService.endpoints(GatehouseRouting.services(new TestGatehouse().useCases,
                WebSettings.DEFAULT, Operations.none())).stream().map(Endpoint::path).collect(Collectors.toSet());
        routes.forEach(route -> assertTrue(route.equals("unmatched") || known.contains(route), route));
        assertFalse(after.samples(REQUESTS).stream().anyMatch(s -> s.labels().toString().contains("4711")
                || s.labels().toString().contains("secret") || s.labels().toString().contains("BREW")));
    }

    @Test
    void counts_requests_refused_before_routing_as_unmatched() {
        PrometheusText before = scrape();

        RawHttp.Answer answer = RawHttp.send(server.port(),
                RawHttp.request("GET /users/" + "a".repeat(3000) + " HTTP/1.1", List.of(), new byte[0]));

        assertEquals(414, answer.status());
        // Helidon refused the request line before reading its method.
        PrometheusText after = awaitScrape(metrics -> delta(before, metrics, "OTHER", "unmatched", 414) >= 1);
        assertEquals(1, delta(before, after, "OTHER", "unmatched", 414));
    }

    @Test
    void counts_login_outcomes_registrations_password_hashing_and_token_checks() {
        PrometheusText before = scrape();

        RawHttp.Answer login = token("johndoe", PASSWORD);
        String accessToken = Json.createReader(new StringReader(login.body())).readObject().getString("access_token");
        RawHttp.send(server.port(), RawHttp.request("GET /users/me HTTP/1.1", List.of("Authorization: Bearer " + accessToken),
                new byte[0]));
        RawHttp.send(server.port(), RawHttp.request("GET /users/me HTTP/1.1", List.of("Authorization: Bearer forged"), new byte[0]));
        token("johndoe", "not the password");
        RawHttp.send(server.port(), RawHttp.post("/users", "application/json",
                ("{\"username\":\"newcomer\",\"password\":\"" + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8)));

        PrometheusText after = awaitScrape(metrics -> change(before, metrics, "gatehouse_registrations_total", Map.of()) >= 1);
        assertEquals(1, change(before, after, "gatehouse_logins_total", Map.of("outcome", "succeeded")));
        assertEquals(1, change(before, after, "gatehouse_logins_total", Map.of("outcome", "failed")));
        assertEquals(0, change(before, after, "gatehouse_logins_total", Map.of("outcome", "throttled")));
        assertEquals(1, change(before, after, "gatehouse_registrations_total", Map.of()));
        assertEquals(1, change(before, after, "gatehouse_tokens_issued_total", Map.of()));
        assertEquals(1, change(before, after, "gatehouse_tokens_verifications_total", Map.of("result", "valid")));
        assertEquals(1, change(before, after, "gatehouse_tokens_verifications_total", Map.of("result", "invalid")));
        assertEquals(1, change(before, after, "gatehouse_password_hash_duration_seconds_count", Map.of("operation", "hash")));
        assertEquals(2, change(before, after, "gatehouse_password_hash_duration_seconds_count", Map.of("operation", "verify")));
        assertEquals(0, change(before, after, "gatehouse_password_hash_rejections_total", Map.of("operation", "verify")));
        assertEquals(0, change(before, after, "gatehouse_flood_rejections_total", Map.of()));
    }

    @Test
    void shows_the_connection_pool() {
        PrometheusText metrics = scrape();

        assertEquals(3.0, value(metrics, "gatehouse_db_pool_connections_active", Map.of()));
        assertEquals(4.0, value(metrics, "gatehouse_db_pool_connections_idle", Map.of()));
        assertEquals(7.0, value(metrics, "gatehouse_db_pool_connections_total", Map.of()));
        assertEquals(2.0, value(metrics, "gatehouse_db_pool_threads_waiting", Map.of()));
        assertEquals(10.0, value(metrics, "gatehouse_db_pool_connections_max", Map.of()));
        assertEquals("gauge", metrics.type("gatehouse_db_pool_connections_active").orElseThrow());
    }

    private static RawHttp.Answer token(String username, String password) {
        return RawHttp.send(server.port(), RawHttp.post("/token", FORM, ("username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
    }

    private static RawHttp.Answer get(String path) {
        return RawHttp.send(server.port(), RawHttp.request("GET " + path + " HTTP/1.1", List.of(), new byte[0]));
    }

    private static PrometheusText scrape() {
        RawHttp.Answer answer = get("/metrics");
        assertEquals(200, answer.status(), answer::toString);
        return PrometheusText.parse(answer.body());
    }

    /**
     * Scrapes until {@code ready} holds, for at most five seconds: a request is counted once its answer is on the
     * wire, so just after the client has read it.
     */
    private static PrometheusText awaitScrape(Predicate<PrometheusText> ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        PrometheusText metrics = scrape();
        while (!ready.test(metrics) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            metrics = scrape();
        }
        // Once the awaited request is in, the ones sent before it are too, give or take a moment.
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return scrape();
    }

    private static long delta(PrometheusText before, PrometheusText after, String method, String route, int status) {
        Map<String, String> labels = Map.of("method", method, "route", route, "status", Integer.toString(status));
        return change(before, after, REQUESTS, labels);
    }

    private static long durationDelta(PrometheusText before, PrometheusText after, String method, String route, int status) {
        Map<String, String> labels = Map.of("method", method, "route", route, "status", Integer.toString(status));
        return change(before, after, DURATION_COUNT, labels);
    }

    private static long change(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return Math.round(value(after, name, labels) - value(before, name, labels));
    }

    private static double value(PrometheusText metrics, String name, Map<String, String> labels) {
        return metrics.value(name, new HashMap<>(labels)).orElse(0.0);
    }
}
