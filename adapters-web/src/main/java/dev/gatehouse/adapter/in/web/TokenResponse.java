package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Scope;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The successful token response of RFC 6749 section 5.1, with the refresh token that renews the access token (null
 * for the client credentials grant, which has none).
 * {@code scope} is null when it is left out: it is sent when the client asked for scopes (so it sees what it did
 * not get) or when any were granted. {@code deviceToken}, after a password login, is the known-device credential
 * for clients that keep no cookies (null otherwise). {@code idToken}: the OpenID Connect ID token of a code granted
 * {@code openid} (null otherwise). The tokens are credentials: {@link #toString()} leaves them out.
 */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String scope, String refreshToken,
                     String deviceToken, String idToken) {

    TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    /** A token with no refresh token (the client credentials grant, RFC 6749 section 4.4.3). */
    static TokenResponse bearerOnly(AccessToken token, boolean scopeRequested) {
        TokenResponse withRefresh = bearer(token, "", scopeRequested);
        return new TokenResponse(withRefresh.accessToken, withRefresh.tokenType, withRefresh.expiresIn, withRefresh.scope, null, null,
                null);
    }

    static TokenResponse bearer(AccessToken token, String refreshToken, boolean scopeRequested) {
        boolean showScope = scopeRequested || !token.scopes().isEmpty();
        // Sorted so the same grant always reads the same.
        String scope = token.scopes().stream()
                .map(Scope::value)
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining(" "));
        return new TokenResponse(token.value(), "bearer", token.lifetime().toSeconds(), showScope ? scope : null,
                refreshToken, null, null);
    }

    /** The same answer carrying the known-device credential a password login earned. */
    TokenResponse withDeviceToken(String credential) {
        return new TokenResponse(accessToken, tokenType, expiresIn, scope, refreshToken, Objects.requireNonNull(credential),
                idToken);
    }

    /** The same answer carrying an OpenID Connect ID token. */
    TokenResponse withIdToken(String token) {
        return new TokenResponse(accessToken, tokenType, expiresIn, scope, refreshToken, deviceToken, Objects.requireNonNull(token));
    }

    JsonObject toJson() {
        JsonObjectBuilder json = JsonCodec.BUILDERS.createObjectBuilder()
                .add("access_token", accessToken)
                .add("token_type", tokenType)
                .add("expires_in", expiresIn);
        if (scope != null) {
            json.add("scope", scope);
        }
        if (refreshToken != null) {
            json.add("refresh_token", refreshToken);
        }
        if (deviceToken != null) {
            json.add("device_token", deviceToken);
        }
        if (idToken != null) {
            json.add("id_token", idToken);
        }
        return json.build();
    }

    @Override
    public String toString() {
        return "TokenResponse[redacted, tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
