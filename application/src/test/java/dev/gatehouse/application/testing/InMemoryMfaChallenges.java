package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.domain.MfaChallenge;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Challenges in memory under one lock; held honest by {@link MfaChallengesContract}. */
public final class InMemoryMfaChallenges implements MfaChallenges {

    private final Map<String, MfaChallenge> challenges = new HashMap<>();

    @Override
    public synchronized void issue(MfaChallenge challenge) {
        if (challenges.putIfAbsent(challenge.tokenHash(), challenge) != null) {
            throw new IllegalStateException("challenge already issued");
        }
    }

    @Override
    public synchronized Optional<MfaChallenge> find(String tokenHash) {
        return Optional.ofNullable(challenges.get(tokenHash));
    }

    @Override
    public synchronized boolean consume(String tokenHash, Instant now) {
        MfaChallenge challenge = challenges.get(tokenHash);
        if (challenge == null || challenge.isExpiredAt(now)) {
            return false;
        }
        challenges.remove(tokenHash);
        return true;
    }

    @Override
    public synchronized int forgetExpiredBefore(Instant cutoff) {
        int before = challenges.size();
        challenges.values().removeIf(challenge -> challenge.expiresAt().isBefore(cutoff));
        return before - challenges.size();
    }
}
