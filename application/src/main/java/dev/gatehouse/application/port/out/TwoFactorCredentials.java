package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.RecoveryCodeHash;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Each user's TOTP second factor and recovery codes, shared by every instance. An adapter keeps the secret encrypted
 * at rest and only the hashes of recovery codes. Every change that depends on what was read is conditional, so of
 * concurrent attempts exactly one wins: a time step is accepted once, a recovery code used once. Every adapter passes
 * {@code TwoFactorCredentialsContract}.
 */
public interface TwoFactorCredentials {

    /** The user's enrolment, pending or active, if any. */
    Optional<TwoFactorEnrolment> find(UserId user);

    /**
     * Stores {@code enrolment} (pending) in place of any pending one of its user; false, storing nothing, when the user
     * has an active one.
     */
    boolean startEnrolment(TwoFactorEnrolment enrolment);

    /**
     * Makes the pending enrolment {@code enrolmentId} of {@code user} active, with {@code step} as its last accepted
     * step and {@code recoveryCodes} as its only recovery codes, atomically; false, changing nothing, when that
     * enrolment is not pending any more (replaced, confirmed or removed meanwhile).
     */
    boolean activate(UserId user, java.util.UUID enrolmentId, long step, List<RecoveryCodeHash> recoveryCodes);

    /**
     * Accepts time step {@code step} for the user's active enrolment: true only when it is later than every step
     * accepted before (a conditional update), so a code works once, on every instance.
     */
    boolean acceptStep(UserId user, long step);

    /** Uses up one of the user's recovery codes: true only for the one use that removed it. */
    boolean useRecoveryCode(UserId user, RecoveryCodeHash code);

    /** How many unused recovery codes the user has. */
    int recoveryCodesLeft(UserId user);

    /** Replaces every recovery code of the user's active enrolment; false when there is none. */
    boolean replaceRecoveryCodes(UserId user, List<RecoveryCodeHash> recoveryCodes);

    /** Removes the user's enrolment (pending or active) and recovery codes; false when there was none. */
    boolean remove(UserId user);

    /** For assemblies without two-factor sign-in: no one is enrolled, and no enrolment is ever stored. */
    static TwoFactorCredentials none() {
        return new TwoFactorCredentials() {
            @Override
            public Optional<TwoFactorEnrolment> find(UserId user) {
                return Optional.empty();
            }

            @Override
            public boolean startEnrolment(TwoFactorEnrolment enrolment) {
                return false;
            }

            @Override
            public boolean activate(UserId user, java.util.UUID enrolmentId, long step, List<RecoveryCodeHash> recoveryCodes) {
                return false;
            }

            @Override
            public boolean acceptStep(UserId user, long step) {
                return false;
            }

            @Override
            public boolean useRecoveryCode(UserId user, RecoveryCodeHash code) {
                return false;
            }

            @Override
            public int recoveryCodesLeft(UserId user) {
                return 0;
            }

            @Override
            public boolean replaceRecoveryCodes(UserId user, List<RecoveryCodeHash> recoveryCodes) {
                return false;
            }

            @Override
            public boolean remove(UserId user) {
                return false;
            }
        };
    }
}
