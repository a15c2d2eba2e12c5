package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import java.util.Optional;

/**
 * Checks the signed assertions clients authenticate with ({@code private_key_jwt}, RFC 7523 section 2.2 and
 * OpenID Connect Core section 9): a JWT signed by one of the client's registered keys with an asymmetric algorithm
 * (never {@code none} or an HMAC), {@code iss} and {@code sub} the client's id, {@code aud} this server (its token
 * endpoint or its issuer), an {@code exp} that has not passed and lies at most five minutes ahead, and a {@code jti}.
 * Whether that {@code jti} was seen before is {@link AssertionReplays}'s to say. Every adapter passes
 * {@code ClientAssertionsContract}.
 */
public interface ClientAssertions {

    /**
     * The client an assertion says it comes from ({@code iss}, when {@code sub} agrees), read without checking
     * anything else: only to find whose keys to verify it with.
     */
    Optional<ClientId> claimedClient(String assertion);

    /** The assertion's {@code jti} and {@code exp} when it passes every check for this client; empty otherwise. */
    Optional<AssertionClaims> verify(String assertion, Client client);

    /** No assertion is ever accepted: for assemblies without {@code private_key_jwt}. */
    static ClientAssertions none() {
        return new ClientAssertions() {
            @Override
            public Optional<ClientId> claimedClient(String assertion) {
                return Optional.empty();
            }

            @Override
            public Optional<AssertionClaims> verify(String assertion, Client client) {
                return Optional.empty();
            }
        };
    }
}
