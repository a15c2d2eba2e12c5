package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.PasswordHasher;

class FastPasswordHasherTest extends PasswordHasherContract {

    @Override
    protected PasswordHasher newHasher() {
        return new FastPasswordHasher();
    }
}
