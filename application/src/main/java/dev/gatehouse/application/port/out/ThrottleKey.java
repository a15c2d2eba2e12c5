package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.util.Objects;

/** What failed logins are counted against: an account name, a client address, a known device or an account's password changes. */
public record ThrottleKey(String value) {

    public static final int MAX_LENGTH = 128;

    public ThrottleKey {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("throttle key must be 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** Keyed by the name, whether or not such an account exists, so throttling reveals nothing. */
    public static ThrottleKey account(Username username) {
        return new ThrottleKey("account:" + username.canonical());
    }

    /** Keyed by the client's network, so an IPv6 client rotating through its /64 keeps one budget. */
    public static ThrottleKey client(ClientAddress address) {
        return new ThrottleKey("client:" + address.network());
    }

    public static ThrottleKey device(String deviceId) {
        return new ThrottleKey("device:" + deviceId);
    }

    /**
     * Guesses of the current password at a password change, by someone holding the account's token: kept apart from
     * the login's key, so an attacker guessing at the login cannot stop the owner changing the password.
     */
    public static ThrottleKey passwordChange(UserId user) {
        return new ThrottleKey("password-change:" + user.value());
    }

    /** The refreshes of one session, which a runaway or hostile client could otherwise repeat without end. */
    public static ThrottleKey refreshes(SessionId session) {
        return new ThrottleKey("refresh:" + session.value());
    }

    /**
     * Reset links asked for one name or address as typed (canonical: lower case), whether or not an account has it, so
     * throttling reveals nothing; it keeps one mailbox from being flooded with links.
     */
    public static ThrottleKey passwordResetsFor(String account) {
        String canonical = account.strip().toLowerCase(java.util.Locale.ROOT);
        // Bounded like every key: a long input is cut, which only makes such inputs share a budget.
        String key = "reset-for:" + canonical;
        return new ThrottleKey(key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key);
    }

    /** Reset requests from one client network. */
    public static ThrottleKey passwordResetsFrom(ClientAddress address) {
        return new ThrottleKey("reset-from:" + address.network());
    }

    /** Reset links sent to one account, however it was named (its username, its address). */
    public static ThrottleKey passwordResetsOf(UserId user) {
        return new ThrottleKey("reset-of:" + user.value());
    }

    /** Invalid reset links presented from one client network: guessing at links. */
    public static ThrottleKey resetLinkGuesses(ClientAddress address) {
        return new ThrottleKey("reset-guess:" + address.network());
    }

    /** Verification links asked for one name or address as typed (canonical: lower case), whether or not it exists. */
    public static ThrottleKey verificationsFor(String account) {
        String key = "verify-for:" + account.strip().toLowerCase(java.util.Locale.ROOT);
        return new ThrottleKey(key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key);
    }

    /** Verification-link requests from one client network. */
    public static ThrottleKey verificationsFrom(ClientAddress address) {
        return new ThrottleKey("verify-from:" + address.network());
    }

    /** Verification links sent to one account, for any of its addresses. */
    public static ThrottleKey verificationsOf(UserId user) {
        return new ThrottleKey("verify-of:" + user.value());
    }

    /** Invalid verification links presented from one client network: guessing at links. */
    public static ThrottleKey verificationLinkGuesses(ClientAddress address) {
        return new ThrottleKey("verify-guess:" + address.network());
    }

    /**
     * Wrong one-time or recovery codes for one account, on a key of its own: a right password has cleared the account's
     * backoff by then, so without it a password thief could guess codes at full speed.
     */
    public static ThrottleKey secondFactor(UserId user) {
        return new ThrottleKey("second-factor:" + user.value());
    }
}
