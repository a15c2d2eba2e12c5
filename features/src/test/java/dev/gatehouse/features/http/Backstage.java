package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Set-up a scenario states but nobody in it performs ("Ada is an administrator", "Jane's account has been
 * disabled"), done through the admin API by the administrator provisioned on the Gatehouse under test. It is not
 * on stage: it takes no part in the cast, so no pronoun ever names it. The accounts a scenario made administrators
 * are disabled when it ends, so that a deployment is not left with administrators whose passwords the features
 * publish.
 */
public final class Backstage {

    private final Stage stage;
    private final Set<String> administratorsMade = new LinkedHashSet<>();
    private GatehouseClient client;
    private String adminToken;

    public Backstage(Stage stage) {
        this.stage = stage;
    }

    /** Gives {@code username} (as the server knows it) the admin role. */
    void makeAdministrator(String username) {
        administer("PUT", "admin/users/" + username + "/roles/admin");
        madeAdministrator(username);
    }

    /** Remembers an account the scenario made an administrator, to disable it when the scenario ends. */
    void madeAdministrator(String username) {
        administratorsMade.add(username);
    }

    void disable(String username) {
        administer("POST", "admin/users/" + username + "/disable");
    }

    /** Disables every account the scenario made an administrator. */
    void retireAdministrators() {
        administratorsMade.forEach(this::disable);
        administratorsMade.clear();
    }

    private void administer(String method, String path) {
        GatehouseClient.Answer answer = client().administer(method, path, adminToken());
        assertEquals(200, answer.status(), () -> "the provisioned administrator could not " + method + " " + path + ": " + answer);
    }

    private String adminToken() {
        if (adminToken == null) {
            RunningGatehouse.Credentials admin = stage.gatehouse().administrator();
            GatehouseClient.Answer login = client().logIn(admin.username(), admin.password(), "admin");
            assertEquals(200, login.status(), () -> "the provisioned administrator " + admin.username() + " cannot log in: " + login);
            assertEquals("admin", login.json().getString("scope", ""),
                    () -> admin.username() + " is not an administrator: create it with create-user " + admin.username() + " --admin");
            adminToken = login.json().getString("access_token");
        }
        return adminToken;
    }

    private GatehouseClient client() {
        if (client == null) {
            client = new GatehouseClient(stage.gatehouse().baseUri());
        }
        return client;
    }
}
