package dev.gatehouse.examples.helidon;

import dev.gatehouse.examples.testkit.ForgedTokensContract;
import dev.gatehouse.examples.testkit.RecipeServer;
import io.helidon.webserver.WebServer;

/**
 * The recipe's checks attacked one by one. Helidon's JwtProvider alone accepts the tokens of another issuer, without
 * exp, or of another typ: {@link GatehouseJwtProvider} refuses them.
 */
class HelidonForgedTokensIT extends ForgedTokensContract {

    @Override
    protected RecipeServer startRecipe(String issuer) {
        WebServer server = Main.start(issuer, AUDIENCE, 0);
        return RecipeServer.of("http://127.0.0.1:" + server.port(), server::stop);
    }
}
