package dev.gatehouse.adapter.in.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what one JUL logger writes at INFO and above while open, instead of printing it; the logger's level
 * and handlers are restored on close.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousUseParentHandlers;
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        previousLevel = logger.getLevel();
        previousUseParentHandlers = logger.getUseParentHandlers();
        logger.setLevel(Level.INFO);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord logRecord) {
        synchronized (records) {
            records.add(logRecord);
        }
    }

    /** The formatted messages so far. */
    List<String> messages() {
        synchronized (records) {
            return records.stream().map(LogRecord::getMessage).toList();
        }
    }

    List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /**
     * The messages that satisfy {@code wanted}, waiting up to five seconds for at least one: a request's line is
     * written once its answer is on the wire, so it may arrive just after the client has read the answer.
     */
    List<String> awaitMessages(Predicate<String> wanted) {
        return awaitMessages(wanted, 1);
    }

    /** As {@link #awaitMessages(Predicate)}, waiting for at least {@code count} messages. */
    List<String> awaitMessages(Predicate<String> wanted, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<String> matching = messages().stream().filter(wanted).toList();
            if (matching.size() >= count || System.nanoTime() > deadline) {
                return matching;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return matching;
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParentHandlers);
    }
}
