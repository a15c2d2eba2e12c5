package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningAlgorithm;
import java.security.PublicKey;
import java.util.Objects;

/** One published verification key: its id, its algorithm and its public part, never a private key. */
public record PublishedKey(KeyId id, SigningAlgorithm algorithm, PublicKey publicKey) {

    public PublishedKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
