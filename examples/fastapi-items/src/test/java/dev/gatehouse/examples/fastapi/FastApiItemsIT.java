package dev.gatehouse.examples.fastapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatehouse.examples.testkit.ResourceServerContract;
import dev.gatehouse.examples.testkit.RunningGatehouse;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * main.py, run by uvicorn under Debian's Python exactly as its README says, against a real Gatehouse.
 */
class FastApiItemsIT extends ResourceServerContract {

    private static final String PYTHON = System.getProperty("python", "/usr/bin/python3");
    private static RunningGatehouse gatehouse;
    private static Process uvicorn;
    private static Path log;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Process check = new ProcessBuilder(PYTHON, "-c", "import fastapi, jwt, uvicorn, cryptography")
                .redirectErrorStream(true).start();
        if (check.waitFor() != 0) {
            fail(PYTHON + " lacks a package main.py needs (" + new String(check.getInputStream().readAllBytes()).strip()
                    + "): apt-get install python3-fastapi python3-jwt python3-uvicorn python3-cryptography");
        }
        gatehouse = RunningGatehouse.start();
        gatehouse.register(USERNAME, PASSWORD);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        log = Files.createTempFile("uvicorn-", ".log");
        ProcessBuilder builder = new ProcessBuilder(PYTHON, "-m", "uvicorn", "main:app", "--host", "127.0.0.1",
                "--port", String.valueOf(port)).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GATEHOUSE_URL", gatehouse.baseUrl());
        uvicorn = builder.start();
        awaitUvicorn();
    }

    @AfterAll
    static void stop() throws Exception {
        if (uvicorn != null) {
            uvicorn.destroy();
            uvicorn.waitFor(10, TimeUnit.SECONDS);
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Override
    protected RunningGatehouse gatehouse() {
        return gatehouse;
    }

    @Override
    protected String baseUrl() {
        return base;
    }

    @Override
    protected String protectedPath() {
        return "/users/me/";
    }

    @Test
    void swagger_ui_sends_people_to_gatehouse_to_log_in() throws Exception {
        String openapi = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertEquals(true, openapi.contains("\"tokenUrl\":\"" + gatehouse.baseUrl() + "/token\""), openapi);
    }

    private static void awaitUvicorn() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!uvicorn.isAlive()) {
                fail("uvicorn exited with " + uvicorn.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("uvicorn did not answer within 30 s:\n" + Files.readString(log));
    }
}
