package dev.gatehouse.application.port.in;

/**
 * Shows the bearer's own account, as the account page needs it: profile, whether two-factor sign-in is on, and the live
 * sessions (not revoked, not expired, not outdated by a password change).
 */
public interface ShowAccountUseCase {

    ShowAccountResult showAccount(ShowAccountQuery query);
}
