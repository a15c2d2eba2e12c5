package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.PasswordPolicy;

class MinimumLengthPasswordPolicyTest extends PasswordPolicyContract {

    @Override
    protected PasswordPolicy newPolicy(int minimumLength) {
        return new MinimumLengthPasswordPolicy(minimumLength);
    }
}
