package dev.gatehouse.application.assembly;

import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.SecondFactorRequirement;
import dev.gatehouse.domain.SigningAlgorithm;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules the use cases run under, as domain values: how logins are throttled, which roles grant which scopes,
 * how long refresh sessions last, how long expiring records are kept, and, when tokens are signed with published
 * key pairs, their algorithm and rotation schedule ({@code keySigning} empty: a shared secret signs, no key is
 * published, rotated or revoked), whether email addresses are verified ({@code emailVerification}), and which roles'
 * privileges need a second factor ({@code secondFactorRequirement}).
 */
public record Policies(LoginProtection loginProtection, ScopePolicy scopePolicy, RefreshPolicy refreshPolicy,
                       Retention retention, Optional<KeySigning> keySigning, EmailVerificationMode emailVerification,
                       SecondFactorRequirement secondFactorRequirement) {

    /** With email verification {@code emailVerification} and no role requiring a second factor. */
    public Policies(LoginProtection loginProtection, ScopePolicy scopePolicy, RefreshPolicy refreshPolicy,
                    Retention retention, Optional<KeySigning> keySigning, EmailVerificationMode emailVerification) {
        this(loginProtection, scopePolicy, refreshPolicy, retention, keySigning, emailVerification,
                SecondFactorRequirement.NONE);
    }

    /**
     * The same policies, where the privileges of {@code requirement}'s roles need a second factor: an account holding
     * one without an active second factor gets no token carrying the scopes only that role grants.
     */
    public Policies withSecondFactorRequirement(SecondFactorRequirement requirement) {
        return new Policies(loginProtection, scopePolicy, refreshPolicy, retention, keySigning, emailVerification, requirement);
    }

    /** With email verification off: the tutorial's behaviour. */
    public Policies(LoginProtection loginProtection, ScopePolicy scopePolicy, RefreshPolicy refreshPolicy,
                    Retention retention, Optional<KeySigning> keySigning) {
        this(loginProtection, scopePolicy, refreshPolicy, retention, keySigning, EmailVerificationMode.OFF);
    }

    /** The same policies, with email verification {@code mode}. */
    public Policies withEmailVerification(EmailVerificationMode mode) {
        return new Policies(loginProtection, scopePolicy, refreshPolicy, retention, keySigning, mode, secondFactorRequirement);
    }

    /** Access tokens signed with key pairs of {@code algorithm}, rotated on {@code rotation}. */
    public record KeySigning(SigningAlgorithm algorithm, KeyRotationPolicy rotation) {

        public KeySigning {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(rotation, "rotation");
        }
    }

    public Policies {
        Objects.requireNonNull(loginProtection, "loginProtection");
        Objects.requireNonNull(scopePolicy, "scopePolicy");
        Objects.requireNonNull(refreshPolicy, "refreshPolicy");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(keySigning, "keySigning");
        Objects.requireNonNull(emailVerification, "emailVerification");
        Objects.requireNonNull(secondFactorRequirement, "secondFactorRequirement");
    }
}
