package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.security.Argon2Parameters;
import dev.gatehouse.adapter.out.persistence.UserCacheSettings;
import dev.gatehouse.adapter.in.web.ClientAddressing;
import dev.gatehouse.adapter.in.web.RateLimits;
import dev.gatehouse.adapter.in.web.RequestRate;
import dev.gatehouse.adapter.in.web.WebSettings;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.Cidr;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatehouseSettingsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String KEK = "a-key-encryption-key-of-32-bytes-or-more";

    @Test
    void defaults_to_localhost_8080_the_embedded_database_and_owasp_hashing() {
        GatehouseSettings settings = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET));

        assertEquals("127.0.0.1", settings.server().host());
        assertEquals(8080, settings.server().port());
        assertTrue(settings.database().isEmbedded());
        assertEquals(Duration.ofMinutes(15), settings.tokens().lifetime());
        assertEquals(Argon2Parameters.OWASP, settings.passwords().argon2());
        assertEquals(Duration.ofSeconds(30), settings.tokens().clockSkew());
        assertEquals(LoginProtection.DEFAULT, settings.loginProtection());
        assertEquals(8, settings.passwords().minimumLength());
        assertEquals(new WebSettings(ClientAddressing.DIRECT, true, Duration.ofDays(30)), settings.web());
        assertTrue(settings.passwords().hashing().maxConcurrent() >= 1);
        assertEquals(8 * settings.passwords().hashing().maxConcurrent(), settings.passwords().hashing().maxWaiting());
        assertEquals(Math.max(1, settings.passwords().hashing().maxConcurrent() / 2), settings.passwords().hashing().maxConcurrentRegistrations());
        assertEquals(Duration.ofSeconds(2), settings.server().readinessTimeout());
        assertEquals(Duration.ofSeconds(10), settings.server().shutdownGrace());
        assertEquals(Duration.ofDays(90), settings.auditRetention());
        assertFalse(settings.server().jsonLogs());
        assertFalse(settings.demo());
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), settings.tokens().secret().orElseThrow());
    }

    @Test
    void reads_every_documented_variable() {
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_HOST", "0.0.0.0");
        env.put("GATEHOUSE_PORT", "9090");
        env.put("GATEHOUSE_DB_URL", "jdbc:postgresql://db:5432/gatehouse");
        env.put("GATEHOUSE_DB_USER", "gatehouse");
        env.put("GATEHOUSE_DB_PASSWORD", "pw");
        env.put("GATEHOUSE_JWT_SECRET", SECRET);
        env.put("GATEHOUSE_TOKEN_TTL", "30m");
        env.put("GATEHOUSE_DEMO", "false"); // true would refuse the external database
        env.put("GATEHOUSE_ARGON2_MEMORY_KIB", "65536");
        env.put("GATEHOUSE_JWT_CLOCK_SKEW", "10s");
        env.put("GATEHOUSE_HASH_MEMORY_BUDGET_MIB", "64");
        env.put("GATEHOUSE_HASH_MAX_WAITING", "3");
        env.put("GATEHOUSE_LOGIN_BACKOFF_FIRST", "2s");
        env.put("GATEHOUSE_LOGIN_BACKOFF_MAX", "30m");
        env.put("GATEHOUSE_LOGIN_QUIET_PERIOD", "2h");
        env.put("GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES", "20");
        env.put("GATEHOUSE_LOGIN_CLIENT_WINDOW", "5m");
        env.put("GATEHOUSE_PASSWORD_MIN_LENGTH", "15");
        env.put("GATEHOUSE_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7 2001:db8::/32");
        env.put("GATEHOUSE_IPV6_PREFIX", "56");
        env.put("GATEHOUSE_SECURE_COOKIES", "false");
        env.put("GATEHOUSE_KNOWN_DEVICE_TTL", "7d");
        env.put("GATEHOUSE_READINESS_TIMEOUT", "5s");
        env.put("GATEHOUSE_SHUTDOWN_GRACE", "30s");
        env.put("GATEHOUSE_LOG_FORMAT", "JSON");

        GatehouseSettings settings = settings(env);

        assertEquals("0.0.0.0", settings.server().host());
        assertEquals(9090, settings.server().port());
        assertEquals("jdbc:postgresql://db:5432/gatehouse", settings.database().jdbcUrl());
        assertEquals("gatehouse", settings.database().user());
        assertEquals("pw", settings.database().password());
        assertEquals(Duration.ofMinutes(30), settings.tokens().lifetime());
        assertFalse(settings.demo());
        assertEquals(65536, settings.passwords().argon2().memoryKiB());
        assertEquals(Duration.ofSeconds(10), settings.tokens().clockSkew());
        assertEquals(1, settings.passwords().hashing().maxConcurrent(), "a 64 MiB budget fits one 64 MiB hash");
        assertEquals(3, settings.passwords().hashing().maxWaiting());
        assertEquals(new LoginProtection(new AccountBackoff(Duration.ofSeconds(2), Duration.ofMinutes(30), Duration.ofHours(2)),
                new ClientBudget(20, Duration.ofMinutes(5))), settings.loginProtection());
        assertEquals(15, settings.passwords().minimumLength());
        assertEquals(new WebSettings(new ClientAddressing(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.0.2.7/32"),
                Cidr.parse("2001:db8::/32")), 56), false, Duration.ofDays(7)), settings.web());
        assertEquals(Duration.ofSeconds(5), settings.server().readinessTimeout());
        assertEquals(Duration.ofSeconds(30), settings.server().shutdownGrace());
        assertTrue(settings.server().jsonLogs());
        assertFalse(settings.toString().contains(SECRET));
        assertFalse(settings.toString().contains("pw,"));
    }

    @Test
    void refuses_a_trusted_proxy_that_is_no_cidr_block_and_the_old_trust_everyone_switch() {
        for (String proxies : List.of("10.0.0.1/8", "proxy.internal", "10.0.0.0/33", "10.0.0.0/8;10.1.0.0/16")) {
            InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                    () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_TRUSTED_PROXIES", proxies)), proxies);
            assertTrue(refused.getMessage().startsWith("GATEHOUSE_TRUSTED_PROXIES"), refused.getMessage());
        }
        InvalidSettingException old = assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_TRUST_FORWARDED_FOR", "true")));
        assertTrue(old.getMessage().contains("GATEHOUSE_TRUSTED_PROXIES"), old.getMessage());
        assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_IPV6_PREFIX", "16")));
        assertEquals(List.of(), settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_TRUSTED_PROXIES", " "))
                .web().addressing().trustedProxies());
    }

    @Test
    void requires_a_second_factor_for_administrators_unless_told_otherwise_or_in_demo_mode() {
        assertEquals(Set.of(Role.ADMIN), settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET)).tokens().secondFactorRequirement().roles());
        assertEquals(Set.of(), settings(Map.of("GATEHOUSE_DEMO", "true")).tokens().secondFactorRequirement().roles(),
                "the demo's administrator is the tutorial's johndoe, with a password only");
        assertEquals(Set.of(), settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_2FA_REQUIRED_ROLES", "none"))
                .tokens().secondFactorRequirement().roles());
        assertEquals(Set.of(), settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_ROLE_SCOPES", "support=users:read"))
                .tokens().secondFactorRequirement().roles(), "no admin role to protect");
        assertEquals(Set.of(new Role("support")), settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_ROLE_SCOPES", "admin=admin;support=users:read", "GATEHOUSE_2FA_REQUIRED_ROLES", "support"))
                .tokens().secondFactorRequirement().roles());
        assertThrows(InvalidSettingException.class, () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_2FA_REQUIRED_ROLES", "auditor")));
    }

    @Test
    void keeps_audit_events_for_at_least_a_day() {
        assertEquals(Duration.ofDays(400), settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_AUDIT_RETENTION", "400d"))
                .auditRetention());
        assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_AUDIT_RETENTION", "12h")));
    }

    @Test
    void leaves_registrations_part_of_the_hashing_slots() {
        HashingCapacity four = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_HASH_MAX_CONCURRENT", "4")).passwords().hashing();
        assertEquals(2, four.maxConcurrentRegistrations());
        assertEquals(3, settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_HASH_MAX_CONCURRENT", "4",
                "GATEHOUSE_HASH_MAX_CONCURRENT_REGISTRATIONS", "3")).passwords().hashing().maxConcurrentRegistrations());
        assertThrows(InvalidSettingException.class, () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_HASH_MAX_CONCURRENT", "4", "GATEHOUSE_HASH_MAX_CONCURRENT_REGISTRATIONS", "5")));
    }

    @Test
    void keeps_registration_open_unless_closed_and_always_in_the_demo() {
        assertTrue(settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET)).web().registrationOpen());
        assertFalse(settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_REGISTRATION", "closed")).web().registrationOpen());
        assertTrue(settings(Map.of("GATEHOUSE_DEMO", "true", "GATEHOUSE_REGISTRATION", "Open")).web().registrationOpen());
        InvalidSettingException demo = assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_DEMO", "true", "GATEHOUSE_REGISTRATION", "closed")));
        assertTrue(demo.getMessage().contains("GATEHOUSE_DEMO"), demo.getMessage());
        assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_REGISTRATION", "invite-only")));
    }

    @Test
    void reads_request_budgets_as_rates_and_bursts() {
        assertEquals(RateLimits.DEFAULT, settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET)).web().rateLimits());
        RateLimits limits = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_REQUEST_RATE", "30/m",
                "GATEHOUSE_REQUEST_BURST", "10", "GATEHOUSE_NETWORK_RATE", "off", "GATEHOUSE_REGISTRATION_RATE", "3 / h",
                "GATEHOUSE_RATE_LIMIT_KEYS", "5000")).web().rateLimits();
        assertEquals(new RequestRate(10, Duration.ofSeconds(2)), limits.perClient());
        assertEquals(RequestRate.UNLIMITED, limits.perNetwork());
        assertEquals(new RequestRate(RateLimits.DEFAULT.registrations().burst(), Duration.ofMinutes(20)), limits.registrations());
        assertEquals(5000, limits.maxKeys());
        for (String rate : List.of("0/s", "2", "2/d", "-1/s", "two/s", "1/s/s")) {
            InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                    () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_REQUEST_RATE", rate)), rate);
            assertTrue(refused.getMessage().startsWith("GATEHOUSE_REQUEST_RATE"), refused.getMessage());
        }
        assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_REGISTRATION_BURST", "0")));
    }

    @Test
    void puts_the_embedded_database_in_the_data_directory() {
        GatehouseSettings settings = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_DATA_DIR", "/var/lib/gatehouse"));

        assertTrue(settings.database().jdbcUrl().contains("/var/lib/gatehouse"), settings.database().jdbcUrl());
    }

    @Test
    void keeps_a_user_cache_by_default_and_turns_it_off_at_size_zero() {
        GatehouseSettings defaults = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET));
        GatehouseSettings tuned = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_USER_CACHE_SIZE", "500", "GATEHOUSE_USER_CACHE_TTL", "5s"));
        GatehouseSettings off = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_USER_CACHE_SIZE", "0"));

        assertEquals(UserCacheSettings.DEFAULT, defaults.userCache());
        assertEquals(new UserCacheSettings(Duration.ofSeconds(5), 500), tuned.userCache());
        assertFalse(off.userCache().enabled());
    }

    @Test
    void answers_from_memory_for_a_minute_of_database_outage_by_default_and_as_configured() {
        GatehouseSettings defaults = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET));
        GatehouseSettings longer = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_STALE_READS", "5m"));
        GatehouseSettings never = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_STALE_READS", "0"));

        assertEquals(Duration.ofSeconds(60), defaults.userCache().staleReads());
        assertEquals(Duration.ofMinutes(5), longer.userCache().staleReads());
        assertEquals(Duration.ZERO, never.userCache().staleReads());
    }

    @ParameterizedTest
    @CsvSource({"900, PT15M", "45s, PT45S", "15m, PT15M", "2h, PT2H", "PT5M, PT5M"})
    void accepts_token_lifetimes_in_several_notations(String raw, String expected) {
        GatehouseSettings settings = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_TOKEN_TTL", raw));

        assertEquals(Duration.parse(expected), settings.tokens().lifetime());
    }

    @Test
    void runs_the_demo_without_a_secret_but_nothing_else() {
        assertTrue(settings(Map.of("GATEHOUSE_DEMO", "true")).tokens().secret().isEmpty());

        InvalidSettingException missing = assertThrows(InvalidSettingException.class, () -> settings(Map.of()));
        assertTrue(missing.getMessage().startsWith("GATEHOUSE_JWT_SECRET is not set"), missing.getMessage());
        assertTrue(missing.getMessage().contains("openssl rand -hex 32"));
    }

    @Test
    void reads_an_admin_port_different_from_the_api_port() {
        assertTrue(settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET)).server().adminPort().isEmpty());
        assertEquals(java.util.OptionalInt.of(9090), settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_ADMIN_PORT", "9090")).server().adminPort());
        assertThrows(InvalidSettingException.class, () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_ADMIN_PORT", "8080")));
        assertThrows(InvalidSettingException.class, () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_ADMIN_PORT", "70000")));
    }

    @Test
    void refuses_the_demo_on_an_external_database() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> settings(Map.of(
                "GATEHOUSE_DEMO", "true", "GATEHOUSE_DB_URL", "jdbc:postgresql://db:5432/gatehouse?password=hunter2")));

        assertTrue(refused.getMessage().startsWith("GATEHOUSE_DEMO=true runs only on the embedded database"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"), "the URL may hold a password: " + refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "GATEHOUSE_PORT, eighty",
            "GATEHOUSE_PORT, 70000",
            "GATEHOUSE_TOKEN_TTL, soon",
            "GATEHOUSE_TOKEN_TTL, 0",
            "GATEHOUSE_TOKEN_TTL, 2d",
            "GATEHOUSE_DEMO, maybe",
            "GATEHOUSE_DB_URL, mysql://localhost/db",
            "GATEHOUSE_ARGON2_ITERATIONS, 0",
            "GATEHOUSE_JWT_SECRET, too-short",
            "GATEHOUSE_JWT_CLOCK_SKEW, 2m",
            "GATEHOUSE_LOGIN_BACKOFF_FIRST, never",
            "GATEHOUSE_PASSWORD_MIN_LENGTH, 0",
            "GATEHOUSE_SECURE_COOKIES, sometimes",
            "GATEHOUSE_LOG_FORMAT, xml",
            "GATEHOUSE_DB_POOL_SIZE, 1",
            "GATEHOUSE_USER_CACHE_SIZE, -1",
            "GATEHOUSE_USER_CACHE_TTL, 11m",
            "GATEHOUSE_STALE_READS, 11m",
            "GATEHOUSE_STALE_READS, -5s",
            "GATEHOUSE_READINESS_TIMEOUT, 5m"})
    void refuses_to_start_on_an_invalid_value_and_names_the_setting(String name, String value) {
        Map<String, String> env = new HashMap<>(Map.of("GATEHOUSE_JWT_SECRET", SECRET));
        env.put(name, value);

        InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> settings(env));

        assertTrue(invalid.getMessage().startsWith(name), invalid.getMessage());
        if (name.equals("GATEHOUSE_JWT_SECRET")) {
            assertFalse(invalid.getMessage().contains(value));
        }
    }

    @Test
    void the_environment_wins_over_the_configuration_file() {
        SettingSource environment = SettingSource.of(Map.of("GATEHOUSE_PORT", "9999", "GATEHOUSE_JWT_SECRET", SECRET));
        SettingSource file = SettingSource.of(Map.of("GATEHOUSE_PORT", "7777", "GATEHOUSE_HOST", "0.0.0.0"));

        GatehouseSettings settings = GatehouseSettings.from(environment.orElse(file));

        assertEquals(9999, settings.server().port());
        assertEquals("0.0.0.0", settings.server().host());
    }

    @Test
    void signs_with_rotating_rs256_keys_by_default() {
        GatehouseSettings settings = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET));

        TokenSigning signing = settings.tokens().signing();
        assertEquals(java.util.Optional.of(dev.gatehouse.domain.SigningAlgorithm.RS256), signing.algorithm());
        assertEquals(Duration.ofDays(30), signing.rotationPeriod());
        assertEquals(Duration.ofHours(1), signing.prePublication());
        assertTrue(signing.keyEncryptionKeys().isEmpty());
        assertEquals(Duration.ofMinutes(15), settings.web().discovery().keySetMaxAge());
        assertEquals(Duration.ofMinutes(15).plusSeconds(30),
                signing.policy(settings.tokens().lifetime(), settings.tokens().clockSkew()).retention());
        assertTrue(settings.web().discovery().publicUrl().isEmpty());
        assertEquals("gatehouse", settings.web().discovery().issuer());
    }

    @Test
    void takes_an_https_issuer_as_the_token_issuer_and_the_public_url_of_the_metadata() {
        GatehouseSettings settings = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_HOST", "0.0.0.0",
                "GATEHOUSE_ISSUER", "https://auth.example.com/"));

        assertEquals("https://auth.example.com", settings.tokens().issuer());
        assertEquals("https://auth.example.com", settings.web().discovery().issuer());
        assertEquals(java.net.URI.create("https://auth.example.com"), settings.web().discovery().publicUrl().orElseThrow());
        assertEquals("http://127.0.0.1:8080", settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_ISSUER", "http://127.0.0.1:8080")).tokens().issuer(), "plain http on a loopback address");
        assertEquals("http://auth.example.com", settings(Map.of("GATEHOUSE_DEMO", "true",
                "GATEHOUSE_ISSUER", "http://auth.example.com")).tokens().issuer(), "plain http for the demo");
        // The packed application.yaml always names the older setting: the new one wins over it.
        assertEquals("https://auth.example.com", GatehouseSettings.from(SettingSource.of(Map.of("GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_ISSUER", "https://auth.example.com")).orElse(ConfigurationFiles.applicationYaml())).tokens().issuer());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://auth.example.com|must be an https URL (RFC 8414)",
            "http://127.0.0.1.example.com|must be an https URL (RFC 8414)",
            "https://auth.example.com?tenant=1|must be an https URL without query or fragment",
            "https://auth.example.com#top|must be an https URL without query or fragment",
            "gatehouse|must be an https URL without query or fragment"})
    void refuses_an_issuer_that_rfc_8414_clients_would_not_trust(String issuer, String reason) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_ISSUER", issuer)));

        assertTrue(refused.getMessage().startsWith("GATEHOUSE_ISSUER " + reason), refused.getMessage());
    }

    @Test
    void reads_the_audiences_of_registered_clients_and_refuses_an_unregistered_one() {
        Map<String, String> env = Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_CLIENTS", "web-app:public:first-party,reporting:public",
                "GATEHOUSE_CLIENT_AUDIENCES", "web-app=https://api.example.com orders; reporting=reports");

        assertEquals(Map.of(new dev.gatehouse.domain.ClientId("web-app"), List.of("https://api.example.com", "orders"),
                new dev.gatehouse.domain.ClientId("reporting"), List.of("reports")), settings(env).tokens().clientAudiences());
        assertEquals(Map.of(), settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET)).tokens().clientAudiences());
        InvalidSettingException unknown = assertThrows(InvalidSettingException.class, () -> settings(Map.of(
                "GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_CLIENT_AUDIENCES", "stranger=api")));
        assertTrue(unknown.getMessage().contains("'stranger', which GATEHOUSE_CLIENTS does not register"), unknown.getMessage());
        assertThrows(InvalidSettingException.class, () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_CLIENTS", "web-app:public", "GATEHOUSE_CLIENT_AUDIENCES", "web-app")));
    }

    @Test
    void refuses_to_register_a_client_under_the_id_of_tokens_issued_to_none() {
        assertThrows(InvalidSettingException.class, () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_CLIENTS", dev.gatehouse.adapter.out.security.JwtSettings.DEFAULT_CLIENT_ID + ":public")));
    }

    @Test
    void reads_the_key_settings() {
        GatehouseSettings settings = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_JWT_ALGORITHM", "EdDSA",
                "GATEHOUSE_KEY_ROTATION", "7d", "GATEHOUSE_KEY_PREPUBLICATION", "10m",
                "GATEHOUSE_KEY_ENCRYPTION_KEY", KEK, "GATEHOUSE_PUBLIC_URL", "https://auth.example.com/",
                "GATEHOUSE_JWT_ISSUER", "https://auth.example.com"));

        assertEquals(java.util.Optional.of(dev.gatehouse.domain.SigningAlgorithm.EdDSA), settings.tokens().signing().algorithm());
        assertEquals(Duration.ofDays(7), settings.tokens().signing().rotationPeriod());
        assertEquals(Duration.ofMinutes(10), settings.tokens().signing().prePublication());
        assertEquals(Duration.ofSeconds(150), settings.web().discovery().keySetMaxAge());
        assertEquals(Duration.ofSeconds(60), settings.tokens().signing().checkInterval());
        assertEquals(1, settings.tokens().signing().keyEncryptionKeys().size());
        assertArrayEquals(KEK.getBytes(StandardCharsets.UTF_8), settings.tokens().signing().keyEncryptionKeys().get(0));
        List<byte[]> keyring = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_KEY_ENCRYPTION_KEY", "new-" + KEK + ",old-" + KEK)).tokens().signing().keyEncryptionKeys();
        assertEquals(List.of("new-" + KEK, "old-" + KEK),
                keyring.stream().map(key -> new String(key, StandardCharsets.UTF_8)).toList(), "new first, then old");
        assertEquals(java.net.URI.create("https://auth.example.com"), settings.web().discovery().publicUrl().orElseThrow());
        assertEquals("https://auth.example.com", settings.web().discovery().issuer());
        assertFalse(settings.toString().contains(KEK));
        assertTrue(settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_JWT_ALGORITHM", "HS256")).tokens().signing().hs256());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GATEHOUSE_JWT_SECRET|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "GATEHOUSE_JWT_SECRET|abababababababababababababababababababababababab",
            "GATEHOUSE_JWT_SECRET|secretsecretsecretsecretsecretsecret",
            "GATEHOUSE_JWT_SECRET|00000000000000000000000000000000000000000000000000000000000000012",
            "GATEHOUSE_KEY_ENCRYPTION_KEY|kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
            "GATEHOUSE_KEY_ENCRYPTION_KEY|a-key-encryption-key-of-32-bytes-or-more,zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"})
    void refuses_a_long_enough_secret_that_is_plainly_not_random_saying_how_to_make_one(String name, String value) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("GATEHOUSE_JWT_SECRET", SECRET));
        values.put(name, value);

        InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> settings(values));

        assertTrue(invalid.getMessage().startsWith(name), invalid.getMessage());
        assertTrue(invalid.getMessage().contains("too easy to guess"), invalid.getMessage());
        assertTrue(invalid.getMessage().contains("openssl rand -hex 32"), invalid.getMessage());
        assertFalse(invalid.getMessage().contains(value), "never echoes the secret: " + invalid.getMessage());
    }

    // 20,000 of the shortest (32 hex characters): the old limits refused about 1 in 6,000 of them, so this fails on
    // them almost surely, and on the present ones with odds far below one in a million.
    @Test
    void accepts_random_secrets_of_every_documented_kind() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 60_000; i++) {
            byte[] bytes = new byte[16 + (i % 3) * 8];
            random.nextBytes(bytes);
            String hex = java.util.HexFormat.of().formatHex(bytes);
            String base64 = java.util.Base64.getEncoder().encodeToString(bytes);
            GatehouseSettings.requireUnguessable("hex", hex.getBytes(StandardCharsets.UTF_8));
            if (base64.length() >= 32) {
                GatehouseSettings.requireUnguessable("base64", base64.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GATEHOUSE_JWT_ALGORITHM|es256",
            "GATEHOUSE_JWT_ALGORITHM|none",
            "GATEHOUSE_KEY_PREPUBLICATION|1m",
            "GATEHOUSE_KEY_ROTATION|30m",
            "GATEHOUSE_KEY_ENCRYPTION_KEY|too-short",
            "GATEHOUSE_KEY_ENCRYPTION_KEY|a-key-encryption-key-of-32-bytes-or-more,too-short",
            "GATEHOUSE_KEY_ENCRYPTION_KEY|a-key-encryption-key-of-32-bytes-or-more,",
            "GATEHOUSE_PUBLIC_URL|ftp://auth.example.com",
            "GATEHOUSE_PUBLIC_URL|https://auth.example.com/?x=1",
            "GATEHOUSE_PUBLIC_URL|not a url"})
    void refuses_invalid_key_settings_naming_them(String name, String value) {
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, name, value)));
        assertTrue(invalid.getMessage().contains(name.equals("GATEHOUSE_KEY_ROTATION") ? "GATEHOUSE_KEY_PREPUBLICATION" : name),
                invalid.getMessage());
    }

    @Test
    void grants_the_tutorial_s_scopes_to_everyone_and_admin_to_admins_by_default() {
        ScopePolicy scopes = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET)).tokens().scopePolicy();

        assertEquals(Set.of(new Scope("me"), new Scope("items")), scopes.everyone());
        assertEquals(Set.of(Role.ADMIN), scopes.roles());
        assertEquals(List.of("admin", "items", "me"), settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET)).web().discovery().scopesSupported());
    }

    @Test
    void reads_the_scopes_of_everyone_and_of_each_role() {
        ScopePolicy scopes = settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_SCOPES", " me ",
                "GATEHOUSE_ROLE_SCOPES", "admin=admin users:read; support=users:read;")).tokens().scopePolicy();

        assertEquals(Set.of(new Scope("me")), scopes.everyone());
        assertEquals(List.of(Role.ADMIN, new Role("support")), List.copyOf(scopes.roles()));
        assertEquals(List.of(new Scope("admin"), new Scope("me"), new Scope("users:read")), List.copyOf(scopes.known()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GATEHOUSE_SCOPES|me \"quoted\"",
            "GATEHOUSE_ROLE_SCOPES|admin",
            "GATEHOUSE_ROLE_SCOPES|Admin=admin",
            "GATEHOUSE_ROLE_SCOPES|admin=admin;admin=me",
            "GATEHOUSE_ROLE_SCOPES|admin=a\\b"})
    void refuses_invalid_scope_settings_naming_them(String name, String value) {
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_JWT_SECRET", SECRET, name, value)));
        assertTrue(invalid.getMessage().contains(name), invalid.getMessage());
    }

    private static GatehouseSettings settings(Map<String, String> env) {
        return GatehouseSettings.from(SettingSource.of(env));
    }
}
