package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.ConfiguredClientRegistry;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSettingsTest {

    private static final String JWT_SECRET = "0123456789abcdef0123456789abcdef";
    private static final String CLIENT_SECRET = "reporting-secret-of-at-least-32-bytes";

    @Test
    void registers_no_client_by_default_and_leaves_client_authentication_off() {
        GatehouseSettings settings = settings(Map.of());

        assertEquals(List.of(), settings.clients());
        assertFalse(settings.web().clientAuthentication());
        assertFalse(new ConfiguredClientRegistry(settings.clients()).anyRegistered());
    }

    @Test
    void reads_public_and_confidential_clients_and_hashes_the_secret() {
        GatehouseSettings settings = settings(Map.of(
                "GATEHOUSE_CLIENTS", " web-app:public:first-party , reporting:confidential:third-party,partner.app:PUBLIC",
                "GATEHOUSE_CLIENT_SECRET_REPORTING", CLIENT_SECRET));

        assertEquals(List.of(
                Client.publicClient(new ClientId("web-app"), true),
                Client.confidential(new ClientId("reporting"), ClientSecretHash.of(CLIENT_SECRET), false),
                Client.publicClient(new ClientId("partner.app"), false)), settings.clients());
        assertTrue(settings.web().clientAuthentication());
        assertFalse(settings.toString().contains(CLIENT_SECRET));
        assertTrue(settings.toString().contains("clients=[web-app, reporting, partner.app]"), settings::toString);
    }

    @Test
    void marks_the_confidential_clients_named_as_allowed_to_introspect() {
        GatehouseSettings settings = settings(Map.of(
                "GATEHOUSE_CLIENTS", "web-app:public:first-party,orders-api:confidential,reporting:confidential",
                "GATEHOUSE_CLIENT_SECRET_ORDERS_API", CLIENT_SECRET, "GATEHOUSE_CLIENT_SECRET_REPORTING", CLIENT_SECRET,
                "GATEHOUSE_INTROSPECTION_CLIENTS", " orders-api "));

        assertEquals(List.of(false, true, false), settings.clients().stream().map(Client::mayIntrospect).toList());
    }

    @Test
    void refuses_to_let_an_unlisted_or_public_client_introspect() {
        Map<String, String> env = Map.of("GATEHOUSE_CLIENTS", "web-app:public:first-party,orders-api:confidential",
                "GATEHOUSE_CLIENT_SECRET_ORDERS_API", CLIENT_SECRET);

        for (String named : List.of("web-app", "stranger", "orders-api,")) {
            Map<String, String> with = new HashMap<>(env);
            with.put("GATEHOUSE_INTROSPECTION_CLIENTS", named);
            InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> settings(with), named);
            assertTrue(refused.getMessage().contains("GATEHOUSE_INTROSPECTION_CLIENTS"), refused::getMessage);
        }
        assertThrows(InvalidSettingException.class, () -> settings(Map.of("GATEHOUSE_INTROSPECTION_CLIENTS", "orders-api")),
                "without clients nobody can be named");
    }

    @Test
    void takes_a_secret_as_its_sha256_so_that_the_setting_need_not_hold_it() {
        String hash = ClientSecretHash.of(CLIENT_SECRET).hex();
        GatehouseSettings settings = settings(Map.of("GATEHOUSE_CLIENTS", "back-office.v2:confidential:first-party",
                "GATEHOUSE_CLIENT_SECRET_BACK_OFFICE_V2", "sha256:" + hash.toUpperCase(java.util.Locale.ROOT)));

        Client client = settings.clients().getFirst();
        assertTrue(client.authenticates(Optional.of(CLIENT_SECRET)));
        assertTrue(client.mayUsePasswordGrant());
        assertEquals("GATEHOUSE_CLIENT_SECRET_BACK_OFFICE_V2", ClientSettings.secretSetting(client.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-app", "web-app:private", "web-app:public:partner", "web app:public", "a:b:c:d", ",",
            "web-app:public,", "we,b:public", "caf\u00e9:public", "x:public:first-party,y:sideways"})
    void refuses_a_malformed_list_naming_the_setting(String value) {
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_CLIENTS", value)));

        assertTrue(invalid.getMessage().startsWith("GATEHOUSE_CLIENTS"), invalid.getMessage());
    }

    @Test
    void refuses_a_client_id_longer_than_64() {
        assertThrows(InvalidSettingException.class, () -> settings(Map.of("GATEHOUSE_CLIENTS", "c".repeat(65) + ":public")));
    }

    @Test
    void refuses_clients_that_would_share_a_secret_setting() {
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("GATEHOUSE_CLIENTS", "web-app:public,web_app:public")));

        assertTrue(invalid.getMessage().contains("GATEHOUSE_CLIENT_SECRET_WEB_APP"), invalid.getMessage());
        assertThrows(InvalidSettingException.class, () -> settings(Map.of("GATEHOUSE_CLIENTS", "app:public,app:public")));
    }

    @Test
    void refuses_a_confidential_client_without_a_good_secret_naming_its_setting() {
        for (Map<String, String> env : List.of(
                Map.of("GATEHOUSE_CLIENTS", "reporting:confidential"),
                Map.of("GATEHOUSE_CLIENTS", "reporting:confidential", "GATEHOUSE_CLIENT_SECRET_REPORTING", "too-short"),
                Map.of("GATEHOUSE_CLIENTS", "reporting:confidential", "GATEHOUSE_CLIENT_SECRET_REPORTING", "sha256:abc"))) {
            InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> settings(env));

            assertTrue(invalid.getMessage().startsWith("GATEHOUSE_CLIENT_SECRET_REPORTING"), invalid.getMessage());
            assertFalse(invalid.getMessage().contains("too-short"), "the message never repeats a secret");
        }
    }

    @Test
    void refuses_a_secret_for_a_public_client() {
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> settings(Map.of(
                "GATEHOUSE_CLIENTS", "web-app:public", "GATEHOUSE_CLIENT_SECRET_WEB_APP", CLIENT_SECRET)));

        assertTrue(invalid.getMessage().startsWith("GATEHOUSE_CLIENT_SECRET_WEB_APP"), invalid.getMessage());
    }

    private static GatehouseSettings settings(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("GATEHOUSE_JWT_SECRET", JWT_SECRET);
        return GatehouseSettings.from(SettingSource.of(all));
    }
}
