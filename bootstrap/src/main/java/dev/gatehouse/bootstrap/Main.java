package dev.gatehouse.bootstrap;

import io.helidon.logging.common.LogConfig;
import java.time.Clock;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts Gatehouse from environment variables and {@code application.yaml}; stops it cleanly on SIGTERM or Ctrl-C. */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long startNanos = System.nanoTime();
        LogConfig.configureRuntime();
        if (args.length == 1 && args[0].equals("--aot-training")) {
            AotTraining.run();
            return;
        }
        if (args.length > 0) {
            System.err.println("gatehouse: unknown arguments " + String.join(" ", args)
                    + " (Gatehouse takes its settings from GATEHOUSE_* variables; see the README)");
            System.exit(2);
            return;
        }
        GatehouseSettings settings;
        try {
            settings = GatehouseSettings.from(SettingSource.of(System.getenv()).orElse(ConfigurationFiles.applicationYaml()));
        } catch (InvalidSettingException invalid) {
            System.err.println("gatehouse: " + invalid.getMessage());
            System.exit(2);
            return;
        }
        if (settings.jsonLogs()) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.setFormatter(new JsonLogFormatter());
            }
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gatehouse, settings), "gatehouse-shutdown"));
        LOG.info(() -> "Gatehouse ready on http://" + settings.host() + ":" + gatehouse.port() + " in "
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms (" + settings.database() + ")");
    }

    /**
     * Stops accepting connections, lets requests in flight finish within the grace period, then closes the
     * pool. Written to stderr: logging may already be shut down by its own hook.
     */
    private static void stop(Gatehouse gatehouse, GatehouseSettings settings) {
        long stopping = System.nanoTime();
        System.err.println("gatehouse: stopping (grace period " + settings.shutdownGrace().toSeconds() + " s)");
        gatehouse.close();
        System.err.println("gatehouse: stopped cleanly in " + (System.nanoTime() - stopping) / 1_000_000 + " ms");
    }
}
