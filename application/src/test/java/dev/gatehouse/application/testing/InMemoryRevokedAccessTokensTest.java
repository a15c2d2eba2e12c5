package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.RevokedAccessTokens;

class InMemoryRevokedAccessTokensTest extends RevokedAccessTokensContract {

    @Override
    protected RevokedAccessTokens newEmptyList() {
        return new InMemoryRevokedAccessTokens();
    }
}
