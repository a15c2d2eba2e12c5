package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * RFC 8707 seen by resource servers that verify with jose4j: a token asked for API A names A (beside Gatehouse's own
 * audience) and not API B, so B's verifier, expecting its own audience, refuses it; a token asked for no resource
 * names every audience registered for the client, as before.
 */
class ResourceAudienceTest {

    private static final String ISSUER = "https://auth.example.com";
    private static final String API_A = "https://a.example.com";
    private static final String API_B = "https://b.example.com";
    private static final ClientId WEB_APP = new ClientId("web-app");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T18:00:00Z"));
    private final byte[] secret = JwtSettings.randomSecret();
    private final JwtAccessTokens tokens = new JwtAccessTokens(new JwtSettings(ISSUER, ISSUER, secret, JwtSettings.DEFAULT_LIFETIME,
            JwtSettings.DEFAULT_CLOCK_SKEW, Map.of(WEB_APP, List.of(API_A, API_B))), clock);
    private final User jane = User.register(new Username("jane"), new PasswordHash("$test$hash"), null, null, Instant.EPOCH);

    @Test
    void a_token_for_api_a_is_refused_by_api_b_and_accepted_by_api_a() throws Exception {
        AccessToken forA = tokens.issue(jane, Set.of(), SessionId.newId(), Optional.of(WEB_APP), Optional.of(new Audience(API_A)));

        assertEquals("jane", verifierFor(API_A).processToClaims(forA.value()).getSubject());
        InvalidJwtException refused = assertThrows(InvalidJwtException.class, () -> verifierFor(API_B).processToClaims(forA.value()));
        assertEquals(true, refused.getMessage().contains("Audience"), refused.getMessage());
        assertEquals(List.of(ISSUER, API_A), tokens.verify(forA.value()).orElseThrow().audiences());
    }

    @Test
    void a_token_for_no_resource_names_every_audience_of_its_client() throws Exception {
        AccessToken forAll = tokens.issue(jane, Set.of(), SessionId.newId(), Optional.of(WEB_APP));

        verifierFor(API_A).processToClaims(forAll.value());
        verifierFor(API_B).processToClaims(forAll.value());
        assertEquals(List.of(ISSUER, API_A, API_B), tokens.verify(forAll.value()).orElseThrow().audiences());
    }

    @Test
    void a_client_token_for_api_a_is_refused_by_api_b() {
        AccessToken forA = tokens.issueForClient(WEB_APP, Set.of(), Optional.of(new Audience(API_A)));

        assertThrows(InvalidJwtException.class, () -> verifierFor(API_B).processToClaims(forA.value()));
        assertEquals(List.of(ISSUER, API_A), tokens.verifyClientToken(forA.value()).orElseThrow().audiences());
    }

    private JwtConsumer verifierFor(String audience) {
        return new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "HS256")
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setEvaluationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond()))
                .build();
    }
}
