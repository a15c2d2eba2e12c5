package dev.gatehouse.application.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects what one JUL logger logs while open, whatever the configured levels, and keeps it off the console;
 * restores the logger on close.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final boolean previouslyUsedParentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        this.previouslyUsedParentHandlers = logger.getUseParentHandlers();
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    public static CapturedLog of(String loggerName) {
        return new CapturedLog(Logger.getLogger(loggerName));
    }

    public static CapturedLog of(Class<?> type) {
        return of(type.getName());
    }

    /** Every message logged at {@code level}, with its parameters filled in. */
    public List<String> messagesAt(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(formatter::formatMessage).toList();
    }

    /** Every record logged, for checks on what else a record carries. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previouslyUsedParentHandlers);
    }
}
