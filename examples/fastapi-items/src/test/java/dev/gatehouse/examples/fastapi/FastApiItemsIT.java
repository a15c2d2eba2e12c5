package dev.gatehouse.examples.fastapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.examples.testkit.RecipeServer;
import dev.gatehouse.examples.testkit.ResourceServerContract;
import dev.gatehouse.examples.testkit.RunningGatehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * main.py, run by uvicorn under Debian's Python exactly as its README says, against a real Gatehouse.
 */
class FastApiItemsIT extends ResourceServerContract {

    @Override
    protected RecipeServer startRecipe(RunningGatehouse gatehouse) throws Exception {
        return Uvicorn.start(gatehouse.baseUrl());
    }

    @Override
    protected String protectedPath() {
        return "/users/me/";
    }

    @Test
    void swagger_ui_sends_people_to_gatehouse_to_log_in() throws Exception {
        String openapi = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertEquals(true, openapi.contains("\"tokenUrl\":\"" + gatehouse().baseUrl() + "/token\""), openapi);
    }

    /** docs/resource-servers.md's "verify a token by hand" is examples/verify-token.sh, run here. */
    @Test
    void the_guide_s_verification_by_hand_accepts_a_good_token_and_refuses_a_forged_or_foreign_one() throws Exception {
        String token = token(null);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(342);
        String foreign = RunningGatehouse.accessTokenOf(gatehouse().logIn(RunningGatehouse.OTHER_APP, USERNAME, PASSWORD, null));

        String[] good = verifyByHand(token);
        assertEquals("0", good[0], good[1]);
        assertTrue(good[1].contains("\"kid\":\"" + RunningGatehouse.keyIdOf(token) + "\""), good[1]);
        assertTrue(good[1].contains("'sub': 'jane'"), good[1]);
        String[] bad = verifyByHand(forged);
        assertEquals("1", bad[0], bad[1]);
        assertTrue(bad[1].contains("refused: Signature verification failed"), bad[1]);
        String[] other = verifyByHand(foreign);
        assertEquals("1", other[0], other[1]);
        assertTrue(other[1].contains("refused: Invalid audience"), other[1]);
    }

    private String[] verifyByHand(String token) throws Exception {
        Path script = Path.of("..", "verify-token.sh").toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), token).redirectErrorStream(true);
        builder.environment().put("GATEHOUSE", gatehouse().baseUrl());
        builder.environment().put("AUDIENCE", RunningGatehouse.AUDIENCE);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new String[] {String.valueOf(process.exitValue()), output};
    }
}
