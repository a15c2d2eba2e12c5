package dev.gatehouse.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.examples.testkit.RecipeServer;
import dev.gatehouse.examples.testkit.ResourceServerContract;
import dev.gatehouse.examples.testkit.RunningGatehouse;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The recipe against a real Gatehouse (the executable jar, RS256): the app in this JVM with the recipe's own
 * application.properties, only the issuer, port and introspection secret given on the command line. The contract
 * runs on the locally verifying routes; the introspecting ones ({@code /live/**}) are tested here.
 */
class SpringResourceServerIT extends ResourceServerContract {

    @Override
    protected RecipeServer startRecipe(RunningGatehouse gatehouse) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ItemsApplication.class).run("--server.port=0",
                "--gatehouse.issuer=" + gatehouse.issuer(),
                "--spring.security.oauth2.resourceserver.opaquetoken.client-secret=" + gatehouse.introspectionSecret());
        return RecipeServer.of("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort(), app::close);
    }

    @Test
    void introspection_accepts_a_live_token_refuses_a_forged_one_and_checks_the_scope() throws Exception {
        String token = token(null);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(342);

        HttpResponse<String> live = get("/live/users/me", token);

        assertEquals(200, live.statusCode(), live.body());
        assertEquals("{\"username\":\"jane\"}", live.body());
        assertEquals(401, get("/live/users/me", forged).statusCode());
        assertEquals(401, get("/live/users/me", null).statusCode());
        assertEquals(403, get("/live/users/me/items/", token).statusCode());
        assertEquals(200, get("/live/users/me/items/", token("items")).statusCode());
    }

    @Test
    void a_revoked_session_is_refused_at_once_by_introspection_and_accepted_by_local_verification_until_it_expires()
            throws Exception {
        String answer = gatehouse().logIn(RunningGatehouse.WEB_APP, USERNAME, PASSWORD, null);
        String token = RunningGatehouse.accessTokenOf(answer);
        assertEquals(200, get("/live/users/me", token).statusCode());

        gatehouse().revoke(RunningGatehouse.refreshTokenOf(answer));

        // Gatehouse's instances hear of an ended session within about a second.
        assertEquals(401, awaitStatus(401, "/live/users/me", token).statusCode(),
                "introspection still accepts the revoked session's token");
        assertEquals(200, get("/users/me", token).statusCode(), "local verification cannot see a revocation");
    }
}
