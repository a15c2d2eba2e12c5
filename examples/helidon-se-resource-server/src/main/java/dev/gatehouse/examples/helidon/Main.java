package dev.gatehouse.examples.helidon;

import io.helidon.logging.common.LogConfig;
import io.helidon.security.Security;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.security.SecurityHttpFeature;
import java.net.URI;
import java.time.Clock;

/**
 * The items API trusting Gatehouse's tokens. Settings: GATEHOUSE_URL (Gatehouse's GATEHOUSE_ISSUER, the {@code iss}
 * of its tokens), ITEMS_API_AUDIENCE (the {@code aud} this API requires, {@code items-api}), PORT (8082).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        String gatehouse = System.getenv().getOrDefault("GATEHOUSE_URL", "http://127.0.0.1:8080");
        String audience = System.getenv().getOrDefault("ITEMS_API_AUDIENCE", "items-api");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8082"));
        WebServer server = start(gatehouse, audience, port);
        System.out.println("items API on http://127.0.0.1:" + server.port() + ", trusting " + gatehouse);
    }

    /** Starts the server; {@code port} 0 picks a free one. */
    public static WebServer start(String gatehouse, String audience, int port) {
        String issuer = gatehouse.replaceAll("/+$", "");
        Security security = Security.builder()
                .addAuthenticationProvider(new GatehouseJwtProvider(URI.create(issuer + "/.well-known/jwks.json"),
                        issuer, audience, Clock.systemUTC()), "gatehouse")
                .build();
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFeature(SecurityHttpFeature.create(security))
                .register(new ItemsService());
        return WebServer.builder().host("127.0.0.1").port(port).routing(routing).build().start();
    }
}
