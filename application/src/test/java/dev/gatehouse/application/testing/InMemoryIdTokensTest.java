package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.domain.AccessToken;

class InMemoryIdTokensTest extends IdTokensContract {

    private final IdTokens idTokens = new InMemoryIdTokens();

    @Override
    protected IdTokens idTokens() {
        return idTokens;
    }

    @Override
    protected AccessToken accessToken() {
        return anyAccessToken(SIGNED_IN.plusSeconds(60));
    }
}
