package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.AuthorizationCode;
import dev.gatehouse.domain.AuthorizationCodeHash;
import dev.gatehouse.domain.SessionId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where issued authorization codes wait for their one redemption, shared by every instance. Only code hashes are
 * stored. Every adapter passes {@code AuthorizationCodesContract}; in particular {@link #redeem} is a conditional
 * write, so that of two concurrent redemptions of one code, on one instance or several, exactly one wins.
 */
public interface AuthorizationCodes {

    /** Stores a code just issued. */
    void store(AuthorizationCode code);

    /** The code with this hash, redeemed or not, if it was issued and not yet forgotten. */
    Optional<AuthorizationCode> find(AuthorizationCodeHash hash);

    /**
     * Marks the code redeemed at {@code at}, by the session {@code started}, but only if nobody has redeemed it yet.
     * True when this call did it; false when it changed nothing (already redeemed, or unknown).
     */
    boolean redeem(AuthorizationCodeHash hash, SessionId started, Instant at);

    /** Deletes codes that expired before {@code cutoff}; answers how many. */
    int forgetExpiredBefore(Instant cutoff);

    /**
     * For assemblies without the authorization code flow: keeps nothing, so no code is ever redeemed. Fails closed,
     * never open.
     */
    static AuthorizationCodes none() {
        return new AuthorizationCodes() {
            @Override
            public void store(AuthorizationCode code) {
            }

            @Override
            public Optional<AuthorizationCode> find(AuthorizationCodeHash hash) {
                return Optional.empty();
            }

            @Override
            public boolean redeem(AuthorizationCodeHash hash, SessionId started, Instant at) {
                return false;
            }

            @Override
            public int forgetExpiredBefore(Instant cutoff) {
                return 0;
            }
        };
    }
}
