package dev.gatehouse.application.port.out;

/** The answer of {@link PasswordDirectory#bind}. */
public enum BindOutcome {
    /** The password is the entry's: the directory let it bind. */
    BOUND,
    /** A wrong password, an unknown entry, a locked or expired one: deliberately one answer. */
    REFUSED
}
