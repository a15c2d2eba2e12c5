package dev.gatehouse.bench;

/** Set-up and tear-down assertions: a benchmark that silently measures another path than it names is worse than none. */
final class Checks {

    private Checks() {
    }

    static void require(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
