package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.AccessToken;
import java.util.Optional;

/**
 * Signs OpenID Connect ID tokens with the keys this service publishes, and reads back the ones it signed (a relying
 * party hands one back as {@code id_token_hint}). Every adapter passes {@code IdTokensContract}.
 */
public interface IdTokens {

    /**
     * A signed ID token asserting {@code claims}, issued beside {@code accessToken} (whose hash it carries as
     * {@code at_hash}); empty when this deployment publishes no keys to verify one with (a shared secret signs).
     */
    Optional<String> issue(IdTokenClaims claims, AccessToken accessToken);

    /**
     * The claims of an ID token this service signed with a key it still publishes, whether or not it has expired
     * (a hint outlives its token); empty for anything else, whatever was sent (never an exception).
     */
    Optional<IdTokenClaims> read(String idToken);

    /** For deployments that publish no keys: no ID token is issued, none is read. */
    static IdTokens none() {
        return new IdTokens() {
            @Override
            public Optional<String> issue(IdTokenClaims claims, AccessToken accessToken) {
                return Optional.empty();
            }

            @Override
            public Optional<IdTokenClaims> read(String idToken) {
                return Optional.empty();
            }
        };
    }
}
