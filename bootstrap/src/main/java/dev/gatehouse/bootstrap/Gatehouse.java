package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.persistence.Argon2PasswordHasher;
import dev.gatehouse.adapter.persistence.Database;
import dev.gatehouse.adapter.web.GatehouseRouting;
import dev.gatehouse.adapter.web.JwtAccessTokens;
import dev.gatehouse.adapter.web.JwtSettings;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A running Gatehouse: its database, its adapters and its HTTP server. Closing it stops all three. */
public final class Gatehouse implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gatehouse.class.getName());

    private final Database database;
    private final DrivenPorts ports;
    private final WebServer server;

    private Gatehouse(Database database, DrivenPorts ports, WebServer server) {
        this.database = database;
        this.ports = ports;
        this.server = server;
    }

    /** Opens (and migrates) the database, wires the adapters and starts serving. */
    public static Gatehouse start(GatehouseSettings settings, Clock clock) {
        Database database = Database.open(settings.database());
        try {
            JwtSettings jwt = new JwtSettings(settings.jwtIssuer(), settings.jwtAudience(),
                    settings.jwtSecret().orElseGet(Gatehouse::throwAwayDemoSecret),
                    settings.tokenLifetime(), JwtSettings.DEFAULT_CLOCK_SKEW);
            DrivenPorts ports = new DrivenPorts(database.users(), new Argon2PasswordHasher(settings.argon2()),
                    new JwtAccessTokens(jwt, clock), clock);
            if (settings.demo()) {
                DemoUsers.seed(ports.users(), ports.passwordHasher(), clock);
                LOG.info("Demo mode: users johndoe/secret (active) and alice/secret2 (disabled) are available");
            }
            return new Gatehouse(database, ports, serve(settings.host(), settings.port(), ports));
        } catch (RuntimeException startFailed) {
            database.close();
            throw startFailed;
        }
    }

    /** Serves the given ports over HTTP; port 0 picks a free port. */
    static WebServer serve(String host, int port, DrivenPorts ports) {
        return WebServer.builder()
                .host(host)
                .port(port)
                .routing(routing -> GatehouseRouting.configure(routing, UseCaseWiring.wire(ports)))
                .build()
                .start();
    }

    private static byte[] throwAwayDemoSecret() {
        LOG.warning("GATEHOUSE_JWT_SECRET is not set: signing tokens with a random key for this demo run; "
                + "tokens stop working when the process ends");
        return JwtSettings.randomSecret();
    }

    public int port() {
        return server.port();
    }

    public DrivenPorts ports() {
        return ports;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (RuntimeException stopFailed) {
            LOG.log(Level.WARNING, "HTTP server did not stop cleanly", stopFailed);
        }
        database.close();
    }
}
