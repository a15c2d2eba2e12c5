package dev.gatehouse.adapter.out.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class BackgroundConsoleHandlerTest {

    private static final Formatter MESSAGE_LINE = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + "\n";
        }
    };

    @Test
    void every_line_of_many_threads_is_written_once_and_each_threads_lines_in_their_order() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BackgroundConsoleHandler handler = handler(new PrintStream(bytes, false, StandardCharsets.UTF_8), 64);
        int threads = 16;
        int linesEach = 5_000;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < linesEach; i++) {
                        handler.publish(new LogRecord(Level.INFO, thread + " " + i + " é"));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
        }
        handler.flush();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(threads * linesEach, lines.length);
        int[] next = new int[threads];
        for (String line : lines) {
            String[] parts = line.split(" ");
            int thread = Integer.parseInt(parts[0]);
            assertEquals(next[thread]++, Integer.parseInt(parts[1]), "thread " + thread + "'s lines out of order");
            assertEquals("é", parts[2]);
        }
        handler.close();
    }

    @Test
    void a_full_queue_makes_the_logging_thread_wait_and_loses_nothing() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    released.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                bytes.write(b, off, len);
            }
        };
        BackgroundConsoleHandler handler = handler(new PrintStream(stuck, false, StandardCharsets.UTF_8), 4);
        Thread logging = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 100; i++) {
                handler.publish(new LogRecord(Level.INFO, "line " + i));
            }
        });
        assertFalse(logging.join(java.time.Duration.ofMillis(300)), "100 lines went into a queue of 4 with the output stuck");
        released.countDown();
        assertTrue(logging.join(java.time.Duration.ofSeconds(10)));
        handler.flush();
        assertEquals(100, bytes.toString(StandardCharsets.UTF_8).lines().count());
        handler.close();
    }

    @Test
    void close_writes_what_is_queued_and_later_lines_are_ignored() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BackgroundConsoleHandler handler = handler(new PrintStream(bytes, false, StandardCharsets.UTF_8), 1_000);
        for (int i = 0; i < 500; i++) {
            handler.publish(new LogRecord(Level.INFO, "line " + i));
        }
        handler.close();
        handler.publish(new LogRecord(Level.INFO, "after close"));
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(500, written.lines().count());
        assertFalse(written.contains("after close"));
    }

    @Test
    void only_records_at_or_above_its_level_are_written() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BackgroundConsoleHandler handler = handler(new PrintStream(bytes, false, StandardCharsets.UTF_8), 10);
        handler.setLevel(Level.WARNING);
        handler.publish(new LogRecord(Level.INFO, "quiet"));
        handler.publish(new LogRecord(Level.SEVERE, "loud"));
        handler.close();
        assertEquals("loud\n", bytes.toString(StandardCharsets.UTF_8));
    }

    private static BackgroundConsoleHandler handler(PrintStream out, int maxQueued) {
        BackgroundConsoleHandler handler = new BackgroundConsoleHandler(out, maxQueued);
        handler.setFormatter(MESSAGE_LINE);
        return handler;
    }
}
