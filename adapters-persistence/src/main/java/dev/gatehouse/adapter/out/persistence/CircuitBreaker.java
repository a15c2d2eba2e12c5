package dev.gatehouse.adapter.out.persistence;

/**
 * Whether calls may go to the database. Closed: they go. Open: they fail at once, because the database is known
 * to be unreachable and waiting out the pool's timeout on every request only ties up threads. Half-open: a probe
 * reached the database again, so calls go once more; the first call that gets a connection closes the breaker,
 * the first that does not opens it again.
 *
 * <p>It opens after {@code failureThreshold} connection failures in a row, or at once when a probe fails.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private State state = State.CLOSED;
    private int consecutiveFailures;

    CircuitBreaker(int failureThreshold) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
    }

    synchronized State state() {
        return state;
    }

    /** False while open: the caller should fail at once instead of trying. */
    synchronized boolean allowsCalls() {
        return state != State.OPEN;
    }

    /** A call got a connection: the database answers, whatever the state was. */
    synchronized void callSucceeded() {
        consecutiveFailures = 0;
        state = State.CLOSED;
    }

    /** A call could not get a connection. */
    synchronized void callFailed() {
        if (state == State.HALF_OPEN) {
            open();
        } else if (state == State.CLOSED && ++consecutiveFailures >= failureThreshold) {
            open();
        }
    }

    /** A probe connected: an open breaker lets calls try again. */
    synchronized void probeConnected() {
        if (state == State.OPEN) {
            state = State.HALF_OPEN;
        }
    }

    /** A probe could not connect: the database is down, whatever calls said so far. */
    synchronized void probeFailed() {
        open();
    }

    private void open() {
        state = State.OPEN;
        consecutiveFailures = 0;
    }
}
