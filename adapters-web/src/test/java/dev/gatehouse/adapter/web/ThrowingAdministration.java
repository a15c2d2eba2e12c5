package dev.gatehouse.adapter.web;

import java.util.function.Supplier;

/** Administration use cases that all fail the same way, for tests of how the HTTP layer answers failures. */
final class ThrowingAdministration {

    private ThrowingAdministration() {
    }

    static WebUseCases.Administration throwing(Supplier<? extends RuntimeException> failure) {
        return new WebUseCases.Administration(
                query -> {
                    throw failure.get();
                },
                action -> {
                    throw failure.get();
                },
                (action, enabled) -> {
                    throw failure.get();
                },
                action -> {
                    throw failure.get();
                },
                (action, role, held) -> {
                    throw failure.get();
                },
                action -> {
                    throw failure.get();
                });
    }
}
