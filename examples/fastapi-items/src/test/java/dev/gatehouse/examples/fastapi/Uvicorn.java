package dev.gatehouse.examples.fastapi;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gatehouse.examples.testkit.RecipeServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** main.py served by {@code /usr/bin/python3 -m uvicorn main:app}, as its README runs it, trusting one Gatehouse. */
final class Uvicorn implements RecipeServer {

    static final String PYTHON = System.getProperty("python", "/usr/bin/python3");
    private final Process process;
    private final String baseUrl;
    private final Path log;

    private Uvicorn(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** Starts main.py with {@code GATEHOUSE_URL=gatehouse} on a free port; fails clearly without Debian's packages. */
    static Uvicorn start(String gatehouse) throws Exception {
        Process check = new ProcessBuilder(PYTHON, "-c", "import fastapi, jwt, uvicorn, cryptography")
                .redirectErrorStream(true).start();
        if (check.waitFor() != 0) {
            fail(PYTHON + " lacks a package main.py needs (" + new String(check.getInputStream().readAllBytes()).strip()
                    + "): apt-get install python3-fastapi python3-jwt python3-uvicorn python3-cryptography");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("uvicorn-", ".log");
        ProcessBuilder builder = new ProcessBuilder(PYTHON, "-m", "uvicorn", "main:app", "--host", "127.0.0.1",
                "--port", String.valueOf(port)).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GATEHOUSE_URL", gatehouse);
        Uvicorn uvicorn = new Uvicorn(builder.start(), "http://127.0.0.1:" + port, log);
        uvicorn.awaitAnswer();
        return uvicorn;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException leftBehind) {
            // a temporary file
        }
    }

    private void awaitAnswer() throws Exception {
        // uvicorn 0.17 answers the JDK client's h2c upgrade offer with 400: HTTP/1.1 only.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("uvicorn exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/openapi.json")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        String output = Files.readString(log);
        close();
        fail("uvicorn did not answer within 30 s:\n" + output);
    }
}
