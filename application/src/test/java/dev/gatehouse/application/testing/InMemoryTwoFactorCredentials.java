package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.RecoveryCodeHash;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.UserId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Second factors in memory, every change under one lock; held honest by {@link TwoFactorCredentialsContract}. */
public final class InMemoryTwoFactorCredentials implements TwoFactorCredentials {

    private final Map<UserId, TwoFactorEnrolment> enrolments = new HashMap<>();
    private final Map<UserId, Set<RecoveryCodeHash>> recoveryCodes = new HashMap<>();

    @Override
    public synchronized Optional<TwoFactorEnrolment> find(UserId user) {
        return Optional.ofNullable(enrolments.get(user));
    }

    @Override
    public synchronized boolean startEnrolment(TwoFactorEnrolment enrolment) {
        TwoFactorEnrolment current = enrolments.get(enrolment.user());
        if (current != null && current.active()) {
            return false;
        }
        enrolments.put(enrolment.user(), enrolment);
        recoveryCodes.remove(enrolment.user());
        return true;
    }

    @Override
    public synchronized boolean activate(UserId user, UUID enrolmentId, long step, List<RecoveryCodeHash> codes) {
        TwoFactorEnrolment current = enrolments.get(user);
        if (current == null || current.active() || !current.id().equals(enrolmentId)) {
            return false;
        }
        enrolments.put(user, new TwoFactorEnrolment(current.id(), user, current.secret(), true, step, current.createdAt()));
        recoveryCodes.put(user, new HashSet<>(codes));
        return true;
    }

    @Override
    public synchronized boolean acceptStep(UserId user, long step) {
        TwoFactorEnrolment current = enrolments.get(user);
        if (current == null || !current.active() || current.lastUsedStep() >= step) {
            return false;
        }
        enrolments.put(user, new TwoFactorEnrolment(current.id(), user, current.secret(), true, step, current.createdAt()));
        return true;
    }

    @Override
    public synchronized boolean useRecoveryCode(UserId user, RecoveryCodeHash code) {
        Set<RecoveryCodeHash> codes = recoveryCodes.get(user);
        return codes != null && codes.remove(code);
    }

    @Override
    public synchronized int recoveryCodesLeft(UserId user) {
        return recoveryCodes.getOrDefault(user, Set.of()).size();
    }

    @Override
    public synchronized boolean replaceRecoveryCodes(UserId user, List<RecoveryCodeHash> codes) {
        TwoFactorEnrolment current = enrolments.get(user);
        if (current == null || !current.active()) {
            return false;
        }
        recoveryCodes.put(user, new HashSet<>(codes));
        return true;
    }

    @Override
    public synchronized boolean remove(UserId user) {
        recoveryCodes.remove(user);
        return enrolments.remove(user) != null;
    }
}
