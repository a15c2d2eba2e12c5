package dev.gatehouse.domain;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The public keys a client signs its assertions with when it authenticates with {@code private_key_jwt}
 * (RFC 7523 section 2.2, OpenID Connect Core section 9): a JSON Web Key Set registered as it is, or the URL where
 * the client publishes it ({@code jwks_uri}). What the keys are is read where keys are understood, beside the JWT
 * library; here only the shape of the registration is checked.
 */
public sealed interface ClientKeys {

    /** A key set registered inline, as JSON text ({@code {"keys":[...]}}). */
    record Inline(String jwks) implements ClientKeys {

        public static final int MAX_BYTES = 64 * 1024;

        public Inline {
            Objects.requireNonNull(jwks, "jwks");
            if (!jwks.strip().startsWith("{") || jwks.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw new IllegalArgumentException("a registered key set is a JSON object ({\"keys\":[...]}) of at most "
                        + MAX_BYTES + " bytes");
            }
        }

        @Override
        public String toString() {
            return "Inline[" + jwks.length() + " characters]";
        }
    }

    /** A key set the client publishes at an https URL (plain http only on the loopback interface, for tests). */
    record Remote(String url) implements ClientKeys {

        public Remote {
            Objects.requireNonNull(url, "url");
            if (url.length() > RedirectUri.MAX_LENGTH) {
                throw new IllegalArgumentException("a key set URL is at most " + RedirectUri.MAX_LENGTH + " characters");
            }
            HttpsUrl.parse(url, "a key set URL");
        }
    }
}
