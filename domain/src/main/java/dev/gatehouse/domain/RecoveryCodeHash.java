package dev.gatehouse.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** The SHA-256 (64 lower-case hex digits) of a recovery code: all that is stored of it. */
public record RecoveryCodeHash(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public RecoveryCodeHash {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a recovery code hash is 64 lower-case hex digits");
        }
    }
}
