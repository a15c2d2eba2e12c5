package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientKeys;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-client settings beside GATEHOUSE_CLIENTS: grants, scopes, audiences, redirect URIs and key sets. */
class ClientRegistrationSettingsTest {

    private static final String JWT_SECRET = "0123456789abcdef0123456789abcdef";
    private static final String CLIENT_SECRET = "reporting-secret-of-at-least-32-bytes";
    private static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}]}";

    @Test
    void reads_grants_scopes_audiences_and_redirect_uris_per_client() {
        List<Client> clients = clients(Map.of(
                "GATEHOUSE_CLIENTS", "web-app:public:first-party,reporting:confidential",
                "GATEHOUSE_CLIENT_SECRET_REPORTING", CLIENT_SECRET,
                "GATEHOUSE_CLIENT_GRANTS", "reporting=client_credentials",
                "GATEHOUSE_CLIENT_SCOPES", "reporting=reports:read reports:write",
                "GATEHOUSE_CLIENT_AUDIENCES", "web-app=https://api.example.com orders; reporting=https://reports.example.com",
                "GATEHOUSE_CLIENT_REDIRECT_URIS", "web-app=https://app.example.com/callback http://127.0.0.1/native",
                "GATEHOUSE_CLIENT_POST_LOGOUT_REDIRECT_URIS", "web-app=https://app.example.com/goodbye"));

        Client webApp = clients.get(0);
        Client reporting = clients.get(1);
        assertEquals(Client.defaultGrantTypes(true), webApp.grantTypes());
        assertEquals(Optional.empty(), webApp.scopes());
        assertEquals(List.of(new Audience("https://api.example.com"), new Audience("orders")), webApp.audiences());
        assertEquals(List.of(new RedirectUri("https://app.example.com/callback"), new RedirectUri("http://127.0.0.1/native")),
                webApp.redirectUris());
        assertEquals(Set.of(GrantType.CLIENT_CREDENTIALS), reporting.grantTypes());
        assertEquals(Optional.of(Set.of(new Scope("reports:read"), new Scope("reports:write"))), reporting.scopes());
        assertEquals(List.of(new Audience("https://reports.example.com")), reporting.audiences());
        assertEquals(List.of(new RedirectUri("https://app.example.com/goodbye")), webApp.postLogoutRedirectUris());
        assertEquals(List.of(), reporting.postLogoutRedirectUris(), "none unless registered");
    }

    @Test
    void without_the_new_settings_a_client_is_registered_as_before() {
        List<Client> clients = clients(Map.of("GATEHOUSE_CLIENTS", "web-app:public:first-party,partner:public"));

        assertEquals(List.of(Client.publicClient(new dev.gatehouse.domain.ClientId("web-app"), true),
                Client.publicClient(new dev.gatehouse.domain.ClientId("partner"), false)), clients);
        assertTrue(clients.get(0).mayUsePasswordGrant());
        assertFalse(clients.get(1).mayUsePasswordGrant());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GATEHOUSE_CLIENT_GRANTS=partner=password",
            "GATEHOUSE_CLIENT_GRANTS=web-app=client_credentials",
            "GATEHOUSE_CLIENT_GRANTS=web-app=implicit",
            "GATEHOUSE_CLIENT_GRANTS=stranger=refresh_token",
            "GATEHOUSE_CLIENT_GRANTS=web-app=password;web-app=refresh_token",
            "GATEHOUSE_CLIENT_GRANTS=web-app",
            "GATEHOUSE_CLIENT_SCOPES=web-app=me \"quoted\"",
            "GATEHOUSE_CLIENT_REDIRECT_URIS=web-app=http://app.example.com/callback",
            "GATEHOUSE_CLIENT_REDIRECT_URIS=web-app=https://app.example.com/callback#top",
            "GATEHOUSE_CLIENT_REDIRECT_URIS=web-app=/callback",
            "GATEHOUSE_CLIENT_AUDIENCES=web-app=caf\u00e9",
            "GATEHOUSE_CLIENT_JWKS_WEB_APP=" + JWKS,
            "GATEHOUSE_CLIENT_JWKS_REPORTING={\"keys\":[]}",
            "GATEHOUSE_CLIENT_JWKS_REPORTING={not json",
            "GATEHOUSE_CLIENT_JWKS_REPORTING=http://keys.example.com/jwks"})
    void refuses_a_registration_that_could_not_be_honoured_naming_the_setting(String assignment) {
        Map<String, String> env = new HashMap<>(Map.of("GATEHOUSE_CLIENTS", "web-app:public:first-party,partner:public,reporting:confidential",
                "GATEHOUSE_CLIENT_SECRET_REPORTING", CLIENT_SECRET));
        int equals = assignment.indexOf('=');
        env.put(assignment.substring(0, equals), assignment.substring(equals + 1));

        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> clients(env));
        assertTrue(refused.getMessage().contains(assignment.substring(0, equals)), refused::getMessage);
    }

    @Test
    void a_confidential_client_may_prove_itself_with_keys_instead_of_a_secret() {
        List<Client> clients = clients(Map.of(
                "GATEHOUSE_CLIENTS", "batch:confidential,remote:confidential,both:confidential",
                "GATEHOUSE_CLIENT_JWKS_BATCH", JWKS,
                "GATEHOUSE_CLIENT_JWKS_REMOTE", "https://remote.example.com/jwks.json",
                "GATEHOUSE_CLIENT_JWKS_BOTH", JWKS,
                "GATEHOUSE_CLIENT_SECRET_BOTH", CLIENT_SECRET));

        assertEquals(Optional.of(new ClientKeys.Inline(JWKS)), clients.get(0).keys());
        assertEquals(Optional.empty(), clients.get(0).secretHash());
        assertEquals(new ClientKeys.Remote("https://remote.example.com/jwks.json"),
                assertInstanceOf(ClientKeys.Remote.class, clients.get(1).keys().orElseThrow()));
        assertTrue(clients.get(2).hasKeys());
        assertTrue(clients.get(2).authenticates(Optional.of(CLIENT_SECRET)));
        InvalidSettingException neither = assertThrows(InvalidSettingException.class,
                () -> clients(Map.of("GATEHOUSE_CLIENTS", "batch:confidential")));
        assertTrue(neither.getMessage().contains("GATEHOUSE_CLIENT_JWKS_BATCH"), neither::getMessage);
    }

    private static List<Client> clients(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("GATEHOUSE_JWT_SECRET", JWT_SECRET);
        return GatehouseSettings.from(SettingSource.of(all)).clients();
    }
}
