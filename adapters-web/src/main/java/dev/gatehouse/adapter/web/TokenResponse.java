package dev.gatehouse.adapter.web;

import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Scope;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The successful token response of RFC 6749 section 5.1, with the refresh token that renews the access token.
 * {@code scope} is null when it is left out: it is sent when the client asked for scopes (so it sees what it did
 * not get) or when any were granted. Both tokens are credentials: {@link #toString()} leaves them out.
 */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String scope, String refreshToken) {

    TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    static TokenResponse bearer(AccessToken token, String refreshToken, boolean scopeRequested) {
        boolean showScope = scopeRequested || !token.scopes().isEmpty();
        // Sorted so the same grant always reads the same.
        String scope = token.scopes().stream()
                .map(Scope::value)
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining(" "));
        return new TokenResponse(token.value(), "bearer", token.lifetime().toSeconds(), showScope ? scope : null,
                refreshToken);
    }

    JsonObject toJson() {
        JsonObjectBuilder json = JsonCodec.BUILDERS.createObjectBuilder()
                .add("access_token", accessToken)
                .add("token_type", tokenType)
                .add("expires_in", expiresIn);
        if (scope != null) {
            json.add("scope", scope);
        }
        return json.add("refresh_token", refreshToken).build();
    }

    @Override
    public String toString() {
        return "TokenResponse[redacted, tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
