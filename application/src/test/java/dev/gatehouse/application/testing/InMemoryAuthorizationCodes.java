package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.domain.AuthorizationCode;
import dev.gatehouse.domain.AuthorizationCodeHash;
import dev.gatehouse.domain.SessionId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link AuthorizationCodes} in a map; a redemption is one atomic {@code computeIfPresent}. */
public final class InMemoryAuthorizationCodes implements AuthorizationCodes {

    private final Map<AuthorizationCodeHash, AuthorizationCode> codes = new ConcurrentHashMap<>();

    @Override
    public void store(AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        if (codes.putIfAbsent(code.hash(), code) != null) {
            throw new IllegalStateException("an authorization code was issued twice: " + code.hash());
        }
    }

    @Override
    public Optional<AuthorizationCode> find(AuthorizationCodeHash hash) {
        return Optional.ofNullable(codes.get(hash));
    }

    @Override
    public boolean redeem(AuthorizationCodeHash hash, SessionId started, Instant at) {
        AtomicBoolean redeemed = new AtomicBoolean();
        codes.computeIfPresent(hash, (key, code) -> {
            if (code.isRedeemed()) {
                return code;
            }
            redeemed.set(true);
            return code.redeemed(at, started);
        });
        return redeemed.get();
    }

    @Override
    public int forgetExpiredBefore(Instant cutoff) {
        int before = codes.size();
        codes.values().removeIf(code -> code.expiresAt().isBefore(cutoff));
        return before - codes.size();
    }
}
