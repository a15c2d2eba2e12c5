package dev.gatehouse.application.port.out;

/** The answer of {@link UserRepository#add}. */
public enum AddUserOutcome {
    ADDED,
    USERNAME_TAKEN
}
