package dev.gatehouse.application.service;

import dev.gatehouse.domain.ClientSecretHash;

/**
 * The secrets Gatehouse generates for confidential clients: 256 random bits, base64url, shown once. Only their
 * SHA-256 is stored ({@link ClientSecretHash}): a fast unkeyed hash is enough here, unlike for passwords, because
 * the secret is not chosen by a person: 2^256 candidates leave nothing to guess from a leaked hash, so a slow or
 * salted hash would add cost without adding protection. The comparison takes the same time wherever the first
 * difference is.
 */
final class ClientSecrets {

    private ClientSecrets() {
    }

    static String newSecret() {
        return SecretTokens.newToken();
    }

    static ClientSecretHash hashOf(String secret) {
        return ClientSecretHash.of(secret);
    }
}
