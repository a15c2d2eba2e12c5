package dev.gatehouse.features.http;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * A resource server written by a third party: it knows Gatehouse's address and the audience its tokens are for,
 * nothing else. It reads the RFC 8414 metadata, fetches the key set from its {@code jwks_uri} over HTTP and checks
 * tokens with jose4j, a JOSE library Gatehouse itself does not use.
 */
final class ResourceServer {

    /** The audience Gatehouse's tokens carry unless configured otherwise ({@code GATEHOUSE_JWT_AUDIENCE}). */
    private static final String AUDIENCE = "gatehouse";
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI gatehouse;

    ResourceServer(URI gatehouse) {
        this.gatehouse = gatehouse;
    }

    JsonObject metadata() {
        return Json.createReader(new StringReader(get(gatehouse.resolve(".well-known/oauth-authorization-server")).body()))
                .readObject();
    }

    HttpResponse<String> keySet() {
        return get(URI.create(metadata().getString("jwks_uri")));
    }

    /** The token's subject when the token passes every check at {@code now}, else empty. */
    Optional<String> subjectOf(String token, Instant now) {
        JsonObject metadata = metadata();
        try {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                            new JsonWebKeySet(get(URI.create(metadata.getString("jwks_uri"))).body()).getJsonWebKeys()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256", "RS256", "EdDSA")
                    .setExpectedType(true, "at+jwt")
                    .setExpectedIssuer(metadata.getString("issuer"))
                    .setExpectedAudience(AUDIENCE)
                    .setRequireExpirationTime()
                    .setRequireSubject()
                    .setEvaluationTime(NumericDate.fromSeconds(now.getEpochSecond()))
                    .build()
                    .processToClaims(token);
            return Optional.of(claims.getSubject());
        } catch (InvalidJwtException | JoseException | org.jose4j.jwt.MalformedClaimException refused) {
            return Optional.empty();
        }
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
