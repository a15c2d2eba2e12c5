package dev.gatehouse.examples.helidon;

import dev.gatehouse.examples.testkit.ResourceServerContract;
import dev.gatehouse.examples.testkit.RunningGatehouse;
import io.helidon.webserver.WebServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The recipe, in this JVM, against a real Gatehouse (the executable jar, RS256). */
class HelidonResourceServerIT extends ResourceServerContract {

    private static RunningGatehouse gatehouse;
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        gatehouse = RunningGatehouse.start();
        gatehouse.register(USERNAME, PASSWORD);
        server = Main.start(gatehouse.issuer(), RunningGatehouse.AUDIENCE, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Override
    protected RunningGatehouse gatehouse() {
        return gatehouse;
    }

    @Override
    protected Duration keySetRefetchInterval() {
        return GatehouseJwtProvider.REFRESH_AT_MOST_EVERY;
    }

    @Override
    protected String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }
}
