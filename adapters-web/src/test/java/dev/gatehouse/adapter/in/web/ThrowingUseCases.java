package dev.gatehouse.adapter.in.web;

import java.util.List;
import java.util.function.Supplier;

/** Use cases that all fail the same way, for tests of how the HTTP layer answers failures. No keys are published. */
final class ThrowingUseCases {

    private ThrowingUseCases() {
    }

    static WebUseCases throwing(Supplier<? extends RuntimeException> failure) {
        return new WebUseCases(
                command -> {
                    throw failure.get();
                },
                command -> {
                    throw failure.get();
                },
                query -> {
                    throw failure.get();
                },
                command -> {
                    throw failure.get();
                },
                command -> {
                    throw failure.get();
                },
                command -> {
                    throw failure.get();
                },
                command -> {
                    throw failure.get();
                },
                List::of,
                administration(failure),
                command -> {
                    throw failure.get();
                },
                passwordReset(failure),
                command -> {
                    throw failure.get();
                },
                new WebUseCases.AuthorizationCode(
                        command -> {
                            throw failure.get();
                        },
                        command -> {
                            throw failure.get();
                        },
                        command -> {
                            throw failure.get();
                        }),
                new WebUseCases.EmailVerification(dev.gatehouse.domain.EmailVerificationMode.OPTIONAL,
                        command -> {
                            throw failure.get();
                        },
                        command -> {
                            throw failure.get();
                        },
                        command -> {
                            throw failure.get();
                        }),
                new WebUseCases.TwoFactor(
                        command -> {
                            throw failure.get();
                        },
                        command -> {
                            throw failure.get();
                        },
                        command -> {
                            throw failure.get();
                        },
                        command -> {
                            throw failure.get();
                        },
                        command -> {
                            throw failure.get();
                        },
                        action -> {
                            throw failure.get();
                        }),
                query -> {
                    throw failure.get();
                },
                WebUseCases.ClientAdministration.NOT_OFFERED,
                command -> {
                    throw failure.get();
                },
                command -> {
                    throw failure.get();
                },
                new WebUseCases.Account(
                        query -> {
                            throw failure.get();
                        },
                        command -> {
                            throw failure.get();
                        }),
                command -> {
                    throw failure.get();
                });
    }

    static WebUseCases.PasswordReset passwordReset(Supplier<? extends RuntimeException> failure) {
        return new WebUseCases.PasswordReset(
                command -> {
                    throw failure.get();
                },
                command -> {
                    throw failure.get();
                });
    }

    static WebUseCases.Administration administration(Supplier<? extends RuntimeException> failure) {
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
                },
                action -> {
                    throw failure.get();
                });
    }
}
