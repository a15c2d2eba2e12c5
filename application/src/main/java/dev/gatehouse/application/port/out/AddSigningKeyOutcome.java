package dev.gatehouse.application.port.out;

/** The answer of {@link SigningKeyRepository#add}. */
public enum AddSigningKeyOutcome {
    ADDED,
    /** Another key (typically another instance's) already has this generation: re-read, it is the successor. */
    GENERATION_TAKEN
}
