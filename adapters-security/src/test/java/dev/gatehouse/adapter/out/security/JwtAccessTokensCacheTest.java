package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.service.RotateSigningKeysService;
import dev.gatehouse.application.testing.InMemorySigningKeyRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The cache of verified tokens ({@link JwtAccessTokens} remembers each token's claims until it expires) must refuse
 * exactly what a verification without it refuses: a token whose key was revoked since, a token past its expiry, any
 * token that differs from a remembered one; and it must stay bounded under a flood and correct under concurrency.
 */
class JwtAccessTokensCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String ISSUER = "gatehouse-test";
    private static final Duration RETENTION = JwtSettings.DEFAULT_LIFETIME.plus(JwtSettings.DEFAULT_CLOCK_SKEW);
    private static final KeyRotationPolicy POLICY = new KeyRotationPolicy(Duration.ofDays(30), Duration.ofHours(1), RETENTION);
    private static final String BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final MutableClock clock = new MutableClock(NOW);

    private static JwtSettings settings() {
        return new JwtSettings(ISSUER, ISSUER, JwtSettings.randomSecret(), JwtSettings.DEFAULT_LIFETIME,
                JwtSettings.DEFAULT_CLOCK_SKEW);
    }

    @Test
    void a_remembered_token_answers_the_same_claims() {
        JwtAccessTokens tokens = new JwtAccessTokens(settings(), clock, 10);
        String token = tokens.issue(user("johndoe"), Set.of(), SessionId.newId()).value();

        AccessTokenClaims first = tokens.verify(token).orElseThrow();
        assertEquals(1, tokens.rememberedTokens());
        assertEquals(first, tokens.verify(token).orElseThrow());
    }

    @Test
    void remembered_tokens_with_the_same_scopes_and_audiences_share_one_copy_of_each() {
        // 100,000 remembered tokens each holding their own [me, items] and [gatehouse-test] were 30 % of its memory.
        JwtAccessTokens tokens = new JwtAccessTokens(settings(), clock, 10);
        Set<Scope> granted = Set.of(new Scope("me"), new Scope("items"));
        AccessTokenClaims jane = tokens.verify(tokens.issue(user("jane"), granted, SessionId.newId()).value()).orElseThrow();
        AccessTokenClaims john = tokens.verify(tokens.issue(user("john"), Set.of(new Scope("items"), new Scope("me")),
                SessionId.newId()).value()).orElseThrow();

        assertEquals(granted, jane.scopes());
        assertEquals(List.of(ISSUER), jane.audiences());
        assertSame(jane.scopes(), john.scopes());
        assertSame(jane.audiences(), john.audiences());
    }

    @Test
    void a_remembered_token_is_refused_once_its_key_is_revoked() {
        InMemorySigningKeyRepository keys = new InMemorySigningKeyRepository();
        new RotateSigningKeysService(keys, POLICY, SigningAlgorithm.ES256, new RecordingAuditLog(), clock).rotate();
        SigningKey key = keys.findAll().get(0);
        JwtAccessTokens tokens = new JwtAccessTokens(settings(), keys, POLICY, clock, 10);
        String token = tokens.issue(user("johndoe"), Set.of(), SessionId.newId()).value();
        assertTrue(tokens.verify(token).isPresent());
        assertEquals(1, tokens.rememberedTokens(), "remembered, so the next verify is a hit");

        keys.revoke(key.id(), clock.instant());

        assertTrue(tokens.verify(token).isEmpty(), "a hit must still ask whether its key is trusted");
        assertEquals(0, tokens.rememberedTokens(), "and forget it");
    }

    @Test
    void a_remembered_token_expires_exactly_when_a_fresh_verification_would_refuse_it() {
        JwtSettings settings = settings();
        JwtAccessTokens tokens = new JwtAccessTokens(settings, clock, 10);
        String token = tokens.issue(user("johndoe"), Set.of(), SessionId.newId()).value();
        assertTrue(tokens.verify(token).isPresent());

        clock.advance(JwtSettings.DEFAULT_LIFETIME.plus(JwtSettings.DEFAULT_CLOCK_SKEW).minusSeconds(1));
        assertTrue(tokens.verify(token).isPresent(), "within the clock skew after exp");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(tokens.verify(token).isEmpty(), "expired, remembered or not");
    }

    @Test
    void a_token_that_differs_from_a_remembered_one_in_any_one_character_is_refused() {
        JwtAccessTokens tokens = new JwtAccessTokens(settings(), clock, 10);
        String token = tokens.issue(user("johndoe"), Set.of(), SessionId.newId()).value();
        assertTrue(tokens.verify(token).isPresent());

        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                continue;
            }
            String forged = token.substring(0, i) + other(token.charAt(i)) + token.substring(i + 1);
            assertTrue(tokens.verify(forged).isEmpty(), "accepted with character " + i + " changed");
        }
        assertTrue(tokens.verify(token).isPresent());
    }

    @Test
    void a_flood_of_distinct_valid_tokens_stays_within_the_bound() {
        JwtAccessTokens tokens = new JwtAccessTokens(settings(), clock, 10);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            issued.add(tokens.issue(user("user" + i), Set.of(), SessionId.newId()).value());
        }
        for (String token : issued) {
            assertTrue(tokens.verify(token).isPresent());
            assertTrue(tokens.rememberedTokens() <= 10, "grew to " + tokens.rememberedTokens());
        }
        for (String token : issued) {
            assertTrue(tokens.verify(token).isPresent(), "evicted tokens are verified again, not refused");
        }
    }

    @Test
    void concurrent_verifications_of_valid_and_forged_tokens_each_get_their_own_answer() throws Exception {
        JwtAccessTokens tokens = new JwtAccessTokens(settings(), clock, 16);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            valid.add(tokens.issue(user("user" + i), Set.of(), SessionId.newId()).value());
        }
        List<Future<Optional<String>>> failures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int thread = 0; thread < 8; thread++) {
                int offset = thread;
                failures.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        int i = (round * 7 + offset) % valid.size();
                        String token = valid.get(i);
                        Optional<AccessTokenClaims> claims = tokens.verify(token);
                        if (claims.isEmpty() || !claims.get().subject().value().equals("user" + i)) {
                            return Optional.of("token " + i + " answered " + claims);
                        }
                        int at = token.lastIndexOf('.') + 1 + round % 20;
                        String forged = token.substring(0, at) + other(token.charAt(at)) + token.substring(at + 1);
                        if (tokens.verify(forged).isPresent()) {
                            return Optional.of("a forgery of token " + i + " was accepted");
                        }
                    }
                    return Optional.empty();
                }));
            }
        }
        for (Future<Optional<String>> failure : failures) {
            assertEquals(Optional.empty(), failure.get());
        }
        assertTrue(tokens.rememberedTokens() <= 16);
    }

    private static char other(char c) {
        return BASE64URL_ALPHABET.charAt((BASE64URL_ALPHABET.indexOf(c) + 1) % BASE64URL_ALPHABET.length());
    }

    private static User user(String name) {
        return User.register(new Username(name), new PasswordHash("$test$hash"), null, null, Instant.EPOCH);
    }
}
