package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AuthorizationCodes;

class InMemoryAuthorizationCodesTest extends AuthorizationCodesContract {

    @Override
    protected AuthorizationCodes newEmptyStore() {
        return new InMemoryAuthorizationCodes();
    }
}
