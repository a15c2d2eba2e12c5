package dev.gatehouse.features;

import dev.gatehouse.adapter.persistence.TestDatabases;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.bootstrap.Gatehouse;
import dev.gatehouse.bootstrap.GatehouseSettings;
import dev.gatehouse.bootstrap.SettingSource;
import java.net.URI;
import java.util.Map;

/**
 * One real Gatehouse per test run: the production assembly on a fresh PostgreSQL database, on a free
 * port, with a clock the scenarios can move forward. Started on first use, stopped when the JVM exits.
 */
final class RunningGatehouse {

    private static RunningGatehouse instance;

    private final Gatehouse gatehouse;
    private final MutableClock clock;

    private RunningGatehouse(Gatehouse gatehouse, MutableClock clock) {
        this.gatehouse = gatehouse;
        this.clock = clock;
    }

    static synchronized RunningGatehouse get() {
        if (instance == null) {
            MutableClock clock = MutableClock.startingNow();
            GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(Map.of(
                    "GATEHOUSE_JWT_SECRET", "acceptance-tests-secret-of-at-least-32-bytes",
                    "GATEHOUSE_PORT", "0",
                    // The features talk plain HTTP; a Secure cookie would never come back.
                    "GATEHOUSE_SECURE_COOKIES", "false")))
                    .withDatabase(TestDatabases.freshPostgres());
            Gatehouse gatehouse = Gatehouse.start(settings, clock);
            Runtime.getRuntime().addShutdownHook(new Thread(gatehouse::close, "gatehouse-features-shutdown"));
            instance = new RunningGatehouse(gatehouse, clock);
        }
        return instance;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + gatehouse.port());
    }

    MutableClock clock() {
        return clock;
    }

    UserRepository users() {
        return gatehouse.ports().users();
    }
}
