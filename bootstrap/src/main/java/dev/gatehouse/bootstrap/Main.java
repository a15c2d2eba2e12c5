package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.cli.CommandLine;
import dev.gatehouse.adapter.in.cli.ExitStatus;
import dev.gatehouse.adapter.in.cli.Terminal;

import dev.gatehouse.adapter.out.observability.JsonLogFormatter;

import io.helidon.logging.common.LogConfig;
import java.io.Console;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts Gatehouse from environment variables and {@code application.yaml}; stops it cleanly on SIGTERM or Ctrl-C.
 * With arguments it runs one administrative command instead ({@code gatehouse help} lists them).
 */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    /** Held here, as the log manager keeps loggers only weakly and would forget a level set on them. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger(""), Logger.getLogger("dev.gatehouse"),
            Logger.getLogger("gatehouse"));

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
            System.exit(runCommand(args));
            return;
        }
        GatehouseSettings settings;
        try {
            settings = settings();
        } catch (InvalidSettingException invalid) {
            System.exit(refused(invalid));
            return;
        }
        if (settings.server().jsonLogs()) {
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
        LOG.info(() -> "Gatehouse ready on http://" + settings.server().host() + ":" + gatehouse.port()
                + (settings.server().adminPort().isPresent() ? " (health and metrics on port " + gatehouse.adminPort() + ")" : "") + " in "
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms (" + settings.database() + ")");
    }

    /** An invalid setting or settings file, in the one line an operator reads; the exit status that says so. */
    private static int refused(InvalidSettingException invalid) {
        System.err.println("gatehouse: " + invalid.getMessage());
        return 2;
    }

    /** The settings from the environment and, where it has none, from {@code application.yaml}. */
    private static GatehouseSettings settings() {
        return GatehouseSettings.from(source());
    }

    private static SettingSource source() {
        return SettingSource.of(System.getenv()).orElse(ConfigurationFiles.applicationYaml());
    }

    /**
     * Runs one administrative command (see {@link CommandLine}) on the standard streams and answers its exit
     * status. A person at a terminal is asked for secrets without echo. The log shows warnings only: the
     * command's own one-line answers are what the operator reads, and its audit events go to the database.
     */
    private static int runCommand(String[] args) {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        Console console = System.console();
        Optional<Terminal.SecretPrompt> prompt = console == null ? Optional.empty()
                : Optional.of(question -> Optional.ofNullable(console.readPassword("%s", question)));
        Terminal terminal = new Terminal(System.in, System.out, System.err, prompt);
        SettingSource source;
        try {
            source = source();
        } catch (InvalidSettingException invalid) {
            return refused(invalid);
        }
        ExitStatus status = CommandLine.standard().run(List.of(args), terminal, new DatabaseConsole(CommandSettings.of(source), Clock.systemUTC()));
        System.out.flush();
        return status.code();
    }

    /**
     * Stops accepting connections, lets requests in flight finish within the grace period, then closes the
     * pool. Written to stderr: logging may already be shut down by its own hook.
     */
    private static void stop(Gatehouse gatehouse, GatehouseSettings settings) {
        long stopping = System.nanoTime();
        System.err.println("gatehouse: stopping (grace period " + settings.server().shutdownGrace().toSeconds() + " s)");
        gatehouse.close();
        System.err.println("gatehouse: stopped cleanly in " + (System.nanoTime() - stopping) / 1_000_000 + " ms");
    }
}
