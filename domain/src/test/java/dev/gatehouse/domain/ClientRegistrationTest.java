package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a client's registration allows: grants, scopes, audiences, redirect URIs and keys. */
class ClientRegistrationTest {

    private static final ClientSecretHash HASH = ClientSecretHash.of("a-machine-secret-of-at-least-thirty-two-bytes");
    private static final ClientKeys JWKS = new ClientKeys.Inline("{\"keys\":[]}");

    @Test
    void grant_types_are_named_by_their_grant_type_values() {
        assertEquals(Optional.of(GrantType.CLIENT_CREDENTIALS), GrantType.parse("client_credentials"));
        assertEquals(Optional.of(GrantType.AUTHORIZATION_CODE), GrantType.parse("authorization_code"));
        assertEquals(Optional.of(GrantType.PASSWORD), GrantType.parse("password"));
        assertEquals(Optional.of(GrantType.REFRESH_TOKEN), GrantType.parse("refresh_token"));
        assertEquals(Optional.empty(), GrantType.parse("PASSWORD"));
        assertEquals(Optional.empty(), GrantType.parse("implicit"));
        assertEquals(Optional.empty(), GrantType.parse(null));
    }

    @Test
    void by_default_a_first_party_client_keeps_the_password_grant_and_refresh_and_nobody_gets_client_credentials() {
        Client firstParty = Client.publicClient(new ClientId("web-app"), true);
        Client thirdParty = Client.confidential(new ClientId("partner"), HASH, false);

        assertTrue(firstParty.mayUse(GrantType.PASSWORD));
        assertTrue(firstParty.mayUse(GrantType.REFRESH_TOKEN));
        assertFalse(firstParty.mayUse(GrantType.CLIENT_CREDENTIALS));
        assertFalse(thirdParty.mayUse(GrantType.PASSWORD));
        assertTrue(thirdParty.mayUse(GrantType.REFRESH_TOKEN));
        assertFalse(thirdParty.mayUse(GrantType.CLIENT_CREDENTIALS));
    }

    @Test
    void grants_are_what_the_registration_says() {
        Client service = Client.confidential(new ClientId("reporting"), HASH, false).withGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));

        assertTrue(service.mayUse(GrantType.CLIENT_CREDENTIALS));
        assertFalse(service.mayUse(GrantType.REFRESH_TOKEN));
        assertFalse(service.mayUsePasswordGrant());
        assertFalse(Client.publicClient(new ClientId("web-app"), true).withGrantTypes(Set.of(GrantType.REFRESH_TOKEN))
                .mayUsePasswordGrant());
    }

    @Test
    void refuses_the_password_grant_to_a_third_party_and_client_credentials_to_a_public_client() {
        assertThrows(IllegalArgumentException.class,
                () -> Client.confidential(new ClientId("partner"), HASH, false).withGrantTypes(Set.of(GrantType.PASSWORD)));
        assertThrows(IllegalArgumentException.class,
                () -> Client.publicClient(new ClientId("spa"), true).withGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS)));
    }

    @Test
    void scopes_are_unlimited_by_default_and_limited_when_registered() {
        Client open = Client.publicClient(new ClientId("web-app"), true);
        Client limited = open.withScopes(Set.of(new Scope("me")));

        assertTrue(open.mayHold(new Scope("admin")));
        assertEquals(Set.of(new Scope("me"), new Scope("items")), open.allowedOf(List.of(new Scope("me"), new Scope("items"))));
        assertFalse(limited.mayHold(new Scope("items")));
        assertEquals(Set.of(new Scope("me")), limited.allowedOf(List.of(new Scope("me"), new Scope("items"))));
    }

    @Test
    void audiences_are_the_registered_ones_only() {
        Client client = Client.publicClient(new ClientId("web-app"), true)
                .withAudiences(List.of(new Audience("https://api.example.com"), new Audience("orders")));

        assertTrue(client.mayAddress(new Audience("https://api.example.com")));
        assertTrue(client.mayAddress(new Audience("orders")));
        assertFalse(client.mayAddress(new Audience("https://api.example.com/")));
        assertFalse(Client.publicClient(new ClientId("other"), true).mayAddress(new Audience("orders")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "quote\"", "back\\slash", "caf\u00e9", "tab\t"})
    void refuses_audiences_that_could_not_be_an_aud_value(String value) {
        assertThrows(IllegalArgumentException.class, () -> new Audience(value));
        assertEquals(Optional.empty(), Audience.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/callback", "https://app.example.com/cb?tenant=a",
            "http://127.0.0.1/callback", "http://127.0.0.1:8400/callback", "http://[::1]:9000/cb", "http://localhost:3000/cb"})
    void accepts_https_and_loopback_http_redirect_uris(String value) {
        assertEquals(value, new RedirectUri(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/callback", "app.example.com/callback", "https://app.example.com/cb#frag", "https://app.example.com/cb#",
            "http://app.example.com/callback", "http://10.0.0.1/callback", "http://127.0.0.2/cb", "ftp://app.example.com/cb",
            "javascript:alert(1)", "https://user@app.example.com/cb", "https://app.example.com/c b", "com.example.app:/oauth2redirect",
            "https:///nohost", "https://app.example.com:99999/cb", "https://app.example.com/cb?x=<y>"})
    void refuses_redirect_uris_that_are_relative_fragmented_plain_http_or_odd(String value) {
        assertThrows(IllegalArgumentException.class, () -> new RedirectUri(value));
        assertEquals(Optional.empty(), RedirectUri.parse(value));
    }

    @Test
    void a_redirect_uri_matches_exactly_and_a_loopback_one_on_any_port() {
        Client client = Client.publicClient(new ClientId("web-app"), true).withRedirectUris(List.of(
                new RedirectUri("https://app.example.com/callback"), new RedirectUri("http://127.0.0.1/native")));

        assertTrue(client.redirects(new RedirectUri("https://app.example.com/callback")));
        assertFalse(client.redirects(new RedirectUri("https://app.example.com/callback/")));
        assertFalse(client.redirects(new RedirectUri("https://app.example.com/callback?x=1")));
        assertFalse(client.redirects(new RedirectUri("https://app.example.com:8443/callback")));
        assertFalse(client.redirects(new RedirectUri("https://APP.example.com/callback")));
        assertTrue(client.redirects(new RedirectUri("http://127.0.0.1:53124/native")));
        assertTrue(client.redirects(new RedirectUri("http://127.0.0.1/native")));
        assertFalse(client.redirects(new RedirectUri("http://127.0.0.1:53124/other")));
        assertFalse(client.redirects(new RedirectUri("http://localhost:53124/native")));
        assertFalse(client.redirects(new RedirectUri("HTTP://127.0.0.1:53124/native")));
        assertFalse(client.redirects(new RedirectUri("http://127.0.0.1:53124/native?x")));
        assertFalse(Client.publicClient(new ClientId("bare"), true).redirects(new RedirectUri("https://app.example.com/callback")));
    }

    @Test
    void a_client_with_keys_is_confidential_and_no_secret_authenticates_it() {
        Client client = Client.confidential(new ClientId("batch"), JWKS, false);

        assertEquals(Client.Type.CONFIDENTIAL, client.type());
        assertTrue(client.hasKeys());
        assertFalse(client.authenticates(Optional.of("anything")));
        assertFalse(client.authenticates(Optional.empty()));
        assertTrue(client.withGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS)).mayUse(GrantType.CLIENT_CREDENTIALS));
        assertThrows(IllegalArgumentException.class, () -> new Client(new ClientId("x"), Client.Type.PUBLIC, Optional.empty(), false,
                false, Set.of(), Optional.empty(), List.of(), List.of(), Optional.of(JWKS)));
    }

    @Test
    void a_key_set_is_a_json_object_or_an_https_url() {
        assertThrows(IllegalArgumentException.class, () -> new ClientKeys.Inline("[]"));
        assertThrows(IllegalArgumentException.class, () -> new ClientKeys.Inline("{" + "x".repeat(70_000) + "}"));
        assertEquals("https://batch.example.com/jwks.json", new ClientKeys.Remote("https://batch.example.com/jwks.json").url());
        assertEquals("http://127.0.0.1:8080/jwks", new ClientKeys.Remote("http://127.0.0.1:8080/jwks").url());
        assertThrows(IllegalArgumentException.class, () -> new ClientKeys.Remote("http://batch.example.com/jwks.json"));
        assertThrows(IllegalArgumentException.class, () -> new ClientKeys.Remote("https://batch.example.com/jwks.json#x"));
        assertThrows(IllegalArgumentException.class, () -> new ClientKeys.Remote("jwks.json"));
        assertFalse(new ClientKeys.Inline("{\"keys\":[]}").toString().contains("keys"));
    }
}
