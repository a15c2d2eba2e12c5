package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;

/** Disables an account (every session ends at once) or enables it again (old sessions stay ended). */
public interface SetUserEnabledUseCase {

    AdminResult<User> setEnabled(AccountAction action, boolean enabled);
}
