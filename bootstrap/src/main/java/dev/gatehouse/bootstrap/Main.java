package dev.gatehouse.bootstrap;

import io.helidon.logging.common.LogConfig;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts Gatehouse from environment variables and {@code application.yaml}. */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        long startNanos = System.nanoTime();
        LogConfig.configureRuntime();
        GatehouseSettings settings;
        try {
            settings = GatehouseSettings.from(SettingSource.of(System.getenv()).orElse(ConfigurationFiles.applicationYaml()));
        } catch (InvalidSettingException invalid) {
            System.err.println("gatehouse: " + invalid.getMessage());
            System.exit(2);
            return;
        }
        Gatehouse gatehouse;
        try {
            gatehouse = Gatehouse.start(settings, Clock.systemUTC());
        } catch (RuntimeException cannotStart) {
            // An operator needs the reason in one line (database unreachable, port taken), not a stack trace.
            LOG.log(Level.FINE, "start failed", cannotStart);
            System.err.println("gatehouse: cannot start: " + cannotStart.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gatehouse::close, "gatehouse-shutdown"));
        LOG.info(() -> "Gatehouse ready on http://" + settings.host() + ":" + gatehouse.port() + " in "
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms (" + settings.database() + ")");
    }
}
