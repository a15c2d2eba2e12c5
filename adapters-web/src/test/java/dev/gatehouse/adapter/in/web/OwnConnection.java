package dev.gatehouse.adapter.in.web;

import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.ClientRequest;

/**
 * For requests sent from many threads through one Helidon client: each on a connection of its own
 * ({@code Connection: close}), never a pooled one. Helidon 4.3's client puts a finished connection back in its pool
 * before arming the monitor that reads a byte to notice a closed socket, so another thread can take it, send, and
 * have that monitor eat the first byte of its answer ("Protocol is not HTTP"; 7 of 60,000 requests from 20 threads
 * here, none with a connection each). helidon-io/helidon#10861, mended in 4.4 by #10880.
 */
final class OwnConnection {

    private OwnConnection() {
    }

    static <T extends ClientRequest<T>> T of(T request) {
        return request.header(HeaderValues.CONNECTION_CLOSE);
    }
}
