package dev.gatehouse.adapter.in.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 by hand over a plain socket, for requests no well-behaved client would send: oversized or truncated
 * ones, invalid bytes. One request per connection; the answer is read until the server closes or its
 * {@code Content-Length} is complete.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** One answer: status, header lines as sent (names lower-cased), and the body as text. */
    record Answer(int status, List<String[]> headers, String body) {

        List<String> all(String name) {
            return headers.stream().filter(h -> h[0].equals(name.toLowerCase(Locale.ROOT))).map(h -> h[1]).toList();
        }

        String header(String name) {
            List<String> values = all(name);
            return values.isEmpty() ? null : String.join(", ", values);
        }

        @Override
        public String toString() {
            return status + " " + headers.stream().map(h -> h[0] + ": " + h[1]).toList() + " " + body;
        }
    }

    /** Sends a complete request. */
    static Answer send(int port, byte[] request) {
        return exchange(port, request, false);
    }

    /** Sends {@code request} and then half-closes: the server sees the end of the stream and may still answer. */
    static Answer sendAndHalfClose(int port, byte[] request) {
        return exchange(port, request, true);
    }

    /** A request with the given request line, headers and body; {@code Host} and {@code Connection: close} added. */
    static byte[] request(String requestLine, List<String> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(requestLine).append("\r\n")
                .append("Host: 127.0.0.1\r\n")
                .append("Connection: close\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A POST with {@code Content-Length} matching the body. */
    static byte[] post(String path, String contentType, byte[] body) {
        return request("POST " + path + " HTTP/1.1",
                List.of("Content-Type: " + contentType, "Content-Length: " + body.length), body);
    }

    private static Answer exchange(int port, byte[] request, boolean halfClose) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            // Written beside the reading: a server that refuses early answers and closes while a large body is
            // still on its way, and the answer must be read before the reset that follows.
            Thread writer = Thread.ofVirtual().start(() -> write(socket, request, halfClose));
            byte[] answer = readAll(socket.getInputStream());
            writer.join(TIMEOUT_MILLIS);
            return parse(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends and closes at once, reading nothing: the server's answer has nowhere to go. */
    static void sendAndVanish(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoLinger(true, 0);
            socket.getOutputStream().write(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Socket socket, byte[] request, boolean halfClose) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
        } catch (IOException refusedMidway) {
            // The server may answer and close before it has read everything; its answer is still read.
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, read);
                if (complete(answer.toByteArray())) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // A reset after the answer (the server closed with unread input) loses nothing already received.
            if (answer.size() == 0) {
                throw reset;
            }
        }
        return answer.toByteArray();
    }

    private static boolean complete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return bytes.length >= end + 4 + Integer.parseInt(line.substring(15).strip());
            }
        }
        return false;
    }

    private static Answer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip()});
        }
        String body = new String(bytes, end + 4, bytes.length - end - 4, StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(statusLine[1]), headers, body);
    }
}
