package dev.gatehouse.examples.helidon;

import dev.gatehouse.examples.testkit.ForgedTokensContract;
import dev.gatehouse.examples.testkit.TokenForge;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The recipe's checks attacked one by one. Helidon's JwtProvider alone accepts the tokens of another issuer, without
 * exp, or of another typ: {@link GatehouseJwtProvider} refuses them.
 */
class HelidonForgedTokensIT extends ForgedTokensContract {

    private static TokenForge forge;
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        forge = TokenForge.start();
        server = Main.start(forge.issuer(), AUDIENCE, 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (forge != null) {
            forge.close();
        }
    }

    @Override
    protected TokenForge forge() {
        return forge;
    }

    @Override
    protected String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }
}
