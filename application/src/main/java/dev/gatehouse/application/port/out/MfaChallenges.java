package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.MfaChallenge;
import java.time.Instant;
import java.util.Optional;

/**
 * The logins waiting for their second factor ({@code mfa_token}s), stored by the token's hash and shared by every
 * instance: a challenge completes one login, once, before it expires. Every adapter passes {@code MfaChallengesContract}.
 */
public interface MfaChallenges {

    void issue(MfaChallenge challenge);

    /** The challenge with this token hash, expired or not. */
    Optional<MfaChallenge> find(String tokenHash);

    /** Uses the challenge up: true only for the one call that removed it while unexpired at {@code now}. */
    boolean consume(String tokenHash, Instant now);

    /** Forgets challenges that expired before {@code cutoff}; how many. */
    int forgetExpiredBefore(Instant cutoff);

    /** For assemblies without two-factor sign-in: keeps nothing, completes nothing. */
    static MfaChallenges none() {
        return new MfaChallenges() {
            @Override
            public void issue(MfaChallenge challenge) {
            }

            @Override
            public Optional<MfaChallenge> find(String tokenHash) {
                return Optional.empty();
            }

            @Override
            public boolean consume(String tokenHash, Instant now) {
                return false;
            }

            @Override
            public int forgetExpiredBefore(Instant cutoff) {
                return 0;
            }
        };
    }
}
