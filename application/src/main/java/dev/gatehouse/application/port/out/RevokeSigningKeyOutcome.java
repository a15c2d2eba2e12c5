package dev.gatehouse.application.port.out;

/** The answer of {@link SigningKeyRepository#revoke}. */
public enum RevokeSigningKeyOutcome {
    REVOKED,
    /** The key was revoked before (perhaps by another operator a moment ago); its revocation time stands. */
    ALREADY_REVOKED,
    /** No key with that id is stored. */
    NOT_FOUND
}
