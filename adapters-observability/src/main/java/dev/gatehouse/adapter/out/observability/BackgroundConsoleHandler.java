package dev.gatehouse.adapter.out.observability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * Writes log lines to standard output from a thread of its own: the thread that logs formats its line and queues
 * it, the writer takes every line queued since its last write and writes them at once. The access log writes a line
 * per request; through {@code java.util.logging}'s console handlers each request took the handler's lock and made a
 * {@code write(2)} of its own, and a saturated {@code GET /users/me} spent 11 of its 37 µs of CPU on its line
 * (bench/README.md, "The request path").
 *
 * <p>Nothing is dropped and nothing is reordered: lines are written in the order they were queued; a full queue
 * (standard output slower than the lines) makes the logging threads wait for room; {@link #flush()} returns once
 * every line queued before it is written, and {@link #close()} (the log manager's, at exit) writes what is left.
 * A line reaches the output at most {@value #WRITE_INTERVAL_MILLIS} ms after it is logged.
 *
 * <p>Configured like the JDK's handlers, in {@code logging.properties}: {@code <this class>.formatter} (default
 * {@link LogLineFormatter}) and {@code <this class>.level} (default {@code ALL}).
 */
public final class BackgroundConsoleHandler extends Handler {

    /** Lines that may wait for the writer; at ~150 bytes a line, about 10 MB. */
    static final int DEFAULT_MAX_QUEUED = 65_536;
    /** A batch is written once it holds this many bytes, even if more lines are queued. */
    private static final int BATCH_BYTES = 64 * 1024;
    /**
     * How long the writer sleeps once the queue is empty. Logging threads never wake it (waking it for every line cost
     * more than the write it saved: a futex call and a thread switch per line), so a line waits at most this long.
     */
    static final long WRITE_INTERVAL_MILLIS = 10;
    private static final long WRITE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(WRITE_INTERVAL_MILLIS);
    private static final long FULL_QUEUE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final PrintStream out;
    private final Charset charset;
    private final int maxQueued;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    /**
     * Lines ever queued and ever written: their difference is what waits (the bound), and {@link #flush()} waits for
     * the second to reach the first.
     */
    private final AtomicLong accepted = new AtomicLong();
    private volatile long written;
    private volatile boolean closed;
    private final Thread writer;

    /** The handler {@code logging.properties} names: standard output as it is when the handler is made. */
    public BackgroundConsoleHandler() {
        this(System.out, DEFAULT_MAX_QUEUED);
        LogManager manager = LogManager.getLogManager();
        String prefix = getClass().getName();
        setFormatter(configuredFormatter(manager.getProperty(prefix + ".formatter")));
        String level = manager.getProperty(prefix + ".level");
        setLevel(level == null ? Level.ALL : Level.parse(level.strip()));
    }

    BackgroundConsoleHandler(PrintStream out, int maxQueued) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be positive");
        }
        this.out = out;
        this.charset = out.charset();
        this.maxQueued = maxQueued;
        setFormatter(new LogLineFormatter());
        setLevel(Level.ALL);
        this.writer = Thread.ofPlatform().name("gatehouse-log-writer").daemon().start(this::writeUntilClosed);
    }

    @Override
    public void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException failed) {
            reportError(null, failed, ErrorManager.FORMAT_FAILURE);
            return;
        }
        while (accepted.get() - written >= maxQueued && writer.isAlive()) {
            // Standard output is behind: wait for room rather than lose the line (loggers that look at once may
            // overshoot the bound by one line each).
            LockSupport.unpark(writer);
            LockSupport.parkNanos(FULL_QUEUE_PARK_NANOS);
        }
        queue.offer(line);
        accepted.incrementAndGet();
    }

    /** Returns once every line queued before the call is written (or the writer has stopped). */
    @Override
    public void flush() {
        long target = accepted.get();
        while (written < target && writer.isAlive()) {
            LockSupport.unpark(writer);
            LockSupport.parkNanos(FULL_QUEUE_PARK_NANOS);
        }
    }

    /** Writes what is queued, then stops the writer; lines logged after it are ignored. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilClosed() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH_BYTES + 1024);
        long taken = 0;
        while (true) {
            String line = queue.poll();
            if (line != null) {
                taken++;
                batch.writeBytes(line.getBytes(charset));
                if (batch.size() < BATCH_BYTES) {
                    continue;
                }
            }
            if (batch.size() > 0) {
                write(batch);
                written = taken;
                continue;
            }
            written = taken;
            if (closed && queue.isEmpty()) {
                return;
            }
            if (queue.isEmpty() && !closed) {
                LockSupport.parkNanos(this, WRITE_INTERVAL_NANOS);
            }
        }
    }

    private void write(ByteArrayOutputStream batch) {
        try {
            batch.writeTo(out);
            out.flush();
        } catch (IOException | RuntimeException failed) {
            reportError(null, failed, ErrorManager.WRITE_FAILURE);
        }
        batch.reset();
    }

    /** As the JDK's handlers do: a formatter that cannot be made is reported, and the default one used. */
    private Formatter configuredFormatter(String className) {
        if (className == null || className.isBlank()) {
            return new LogLineFormatter();
        }
        try {
            return (Formatter) ClassLoader.getSystemClassLoader().loadClass(className.strip())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException unusable) {
            reportError("the log formatter " + className + " cannot be made", unusable, ErrorManager.GENERIC_FAILURE);
            return new LogLineFormatter();
        }
    }
}
