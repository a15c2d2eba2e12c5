package dev.gatehouse.examples.helidon;

import dev.gatehouse.examples.testkit.RecipeServer;
import dev.gatehouse.examples.testkit.ResourceServerContract;
import dev.gatehouse.examples.testkit.RunningGatehouse;
import io.helidon.webserver.WebServer;
import java.time.Duration;

/** The recipe, in this JVM, against a real Gatehouse (the executable jar, RS256). */
class HelidonResourceServerIT extends ResourceServerContract {

    @Override
    protected RecipeServer startRecipe(RunningGatehouse gatehouse) {
        WebServer server = Main.start(gatehouse.issuer(), RunningGatehouse.AUDIENCE, 0);
        return RecipeServer.of("http://127.0.0.1:" + server.port(), server::stop);
    }

    @Override
    protected Duration keySetRefetchInterval() {
        return GatehouseJwtProvider.REFRESH_AT_MOST_EVERY;
    }
}
