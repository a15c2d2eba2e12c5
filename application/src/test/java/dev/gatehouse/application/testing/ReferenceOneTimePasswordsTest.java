package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.OneTimePasswords;

class ReferenceOneTimePasswordsTest extends OneTimePasswordsContract {

    @Override
    protected OneTimePasswords newAdapter() {
        return new ReferenceOneTimePasswords();
    }
}
