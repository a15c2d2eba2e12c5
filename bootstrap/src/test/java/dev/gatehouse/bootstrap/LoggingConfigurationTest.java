package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.adapter.out.observability.BackgroundConsoleHandler;
import dev.gatehouse.adapter.out.observability.LogLineFormatter;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;
import org.junit.jupiter.api.Test;

/** The logging.properties the jar carries (the tests run with their own, so it is read here by hand). */
class LoggingConfigurationTest {

    @Test
    void the_console_writes_its_lines_in_the_background_with_the_formatter_that_needs_no_java_util_formatter() throws IOException {
        LogManager logging = LogManager.getLogManager();
        try (InputStream shipped = Main.class.getResourceAsStream("/logging.properties")) {
            logging.readConfiguration(shipped);
            BackgroundConsoleHandler console = new BackgroundConsoleHandler();
            try {
                assertInstanceOf(LogLineFormatter.class, console.getFormatter());
            } finally {
                console.close();
            }
        } finally {
            // Back to the tests' own configuration.
            logging.readConfiguration();
        }
    }
}
