package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Other services trusting Gatehouse's tokens through its published keys. "It" is the {@link ResourceServer} (or
 * the client reading the metadata): what it concluded is kept here, for the scenario.
 */
public class PublishedKeysSteps {

    private final Stage stage;
    private Optional<String> verifiedSubject = Optional.empty();
    private JsonObject metadata;

    public PublishedKeysSteps(Stage stage) {
        this.stage = stage;
    }

    @When("a resource server that knows only Gatehouse's address checks her token")
    public void aResourceServerChecksHerToken() {
        verifiedSubject = resourceServer().subjectOf(stage.she().accessToken(), stage.gatehouse().now());
    }

    @When("a resource server that knows only Gatehouse's address checks her token after someone changed it")
    public void aResourceServerChecksHerTamperedToken() {
        String[] parts = stage.she().accessToken().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace(stage.username("jane"), "admin").getBytes(StandardCharsets.UTF_8));
        verifiedSubject = resourceServer().subjectOf(parts[0] + "." + forged + "." + parts[2], stage.gatehouse().now());
    }

    @Then("it accepts the token as Jane's")
    public void itAcceptsTheTokenAsJanes() {
        assertEquals(Optional.of(stage.username("jane")), verifiedSubject);
    }

    @Then("it refuses the token")
    public void itRefusesTheToken() {
        assertEquals(Optional.empty(), verifiedSubject);
    }

    @When("a client reads Gatehouse's description of itself")
    public void aClientReadsTheMetadata() {
        metadata = resourceServer().metadata();
    }

    @Then("it learns where to get tokens and keys, and that the password and refresh token grants are supported")
    public void itLearnsWhereToGetTokensAndKeys() {
        assertTrue(metadata.getString("token_endpoint").endsWith("/token"), metadata::toString);
        assertTrue(metadata.getString("jwks_uri").endsWith("/.well-known/jwks.json"), metadata::toString);
        assertTrue(metadata.getString("revocation_endpoint").endsWith("/revoke"), metadata::toString);
        assertEquals(List.of("password", "refresh_token", "urn:gatehouse:params:oauth:grant-type:mfa-otp"),
                metadata.getJsonArray("grant_types_supported").getValuesAs(JsonString::getString));
        assertFalse(metadata.getString("issuer").isBlank());
    }

    @Then("it may cache the published keys for a while")
    public void itMayCacheThePublishedKeys() {
        HttpResponse<String> keys = resourceServer().keySet();
        assertEquals(200, keys.statusCode());
        String cacheControl = keys.headers().firstValue("Cache-Control").orElse("");
        assertTrue(cacheControl.matches("public, max-age=[1-9][0-9]*"), cacheControl);
        assertFalse(keys.body().contains("\"d\""), "no private key member");
    }

    private ResourceServer resourceServer() {
        return new ResourceServer(stage.gatehouse().baseUri());
    }
}
