package dev.gatehouse.adapter.in.web;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * 400 when the request's body length is ambiguous: several {@code Content-Length} headers, one beside
     * {@code Transfer-Encoding}, or a negative one. A proxy in front may read such a request differently from
     * Helidon, which is how requests are smuggled, so it is refused on every path before routing, and the
     * connection is closed, as nothing after it can be trusted to start where the next request does.
     */
    static Optional<HttpProblem> ambiguousLength(ServerRequest request) {
        List<String> lengths = request.headers().all(HeaderNames.CONTENT_LENGTH, List::of);
        if (lengths.size() > 1 || (!lengths.isEmpty() && request.headers().contains(HeaderNames.TRANSFER_ENCODING))) {
            return Optional.of(badFraming("Ambiguous request body length"));
        }
        if (request.headers().contentLength().orElse(0) < 0) {
            return Optional.of(badFraming("Invalid Content-Length"));
        }
        return Optional.empty();
    }

    /**
     * The whole body, at most {@link #MAX_BODY_BYTES}; 413 beyond that. 400 and a closed connection when its
     * length is ambiguous ({@link #ambiguousLength}), the client stops short, or the chunked encoding is broken.
     */
    static byte[] body(ServerRequest request) {
        Optional<HttpProblem> ambiguous = ambiguousLength(request);
        if (ambiguous.isPresent()) {
            throw ambiguous.get();
        }
        long length = request.headers().contentLength().orElse(0);
        if (length > MAX_BODY_BYTES) {
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
        } catch (DataReader.InsufficientDataAvailableException truncated) {
            // The client closed before sending the body it announced: its mistake, not our failure.
            throw badFraming("Request body incomplete");
        } catch (IllegalArgumentException malformedChunk) {
            // Helidon 4.3 reads a chunk size that is not hex as a NumberFormatException, not as a bad request.
            throw badFraming("Malformed request body");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    private static HttpProblem badFraming(String detail) {
        return HttpProblem.detail(Status.BAD_REQUEST_400, detail, HeaderValues.CONNECTION_CLOSE);
    }

    private static HttpProblem tooLarge() {
        return HttpProblem.detail(Status.REQUEST_ENTITY_TOO_LARGE_413, "Request body too large");
    }
}
