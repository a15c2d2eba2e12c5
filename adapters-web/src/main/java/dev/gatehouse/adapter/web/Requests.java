package dev.gatehouse.adapter.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Reads what the handlers need from a request, refusing the wrong media type and oversized bodies. */
final class Requests {

    /**
     * Generous for a login or a registration (a 1024-byte password is at most ~6 KiB even fully escaped),
     * small enough that nobody can make the server buffer much.
     */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private Requests() {
    }

    /** Passes when the Content-Type names {@code mediaType} (parameters such as charset allowed), else 415. */
    static void requireMediaType(ServerRequest request, String mediaType, String detail) {
        String contentType = request.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        int parameters = contentType.indexOf(';');
        String essence = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        if (!essence.toLowerCase(Locale.ROOT).equals(mediaType)) {
            throw HttpProblem.detail(Status.UNSUPPORTED_MEDIA_TYPE_415, detail);
        }
    }

    /** The whole body, at most {@link #MAX_BODY_BYTES}; 413 beyond that. */
    static byte[] body(ServerRequest request) {
        if (request.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    private static HttpProblem tooLarge() {
        return HttpProblem.detail(Status.REQUEST_ENTITY_TOO_LARGE_413, "Request body too large");
    }
}
