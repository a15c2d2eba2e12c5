package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.SecondFactorRequirement;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.User;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@link SecondFactorRequirement} applied: which of the scopes about to be granted a user may not hold yet because
 * only a role that needs a second factor grants them and the account has no active one. Every way a token is granted
 * for a user asks it (the password grant, the sign-in page, the code issued to a browser session, the refresh grant).
 */
final class SecondFactorPolicy {

    private final SecondFactorRequirement requirement;
    private final ScopePolicy scopes;
    private final TwoFactorCredentials credentials;

    SecondFactorPolicy(SecondFactorRequirement requirement, ScopePolicy scopes, TwoFactorCredentials credentials) {
        this.requirement = requirement;
        this.scopes = scopes;
        this.credentials = credentials;
    }

    /** No role needs a second factor. */
    static SecondFactorPolicy none() {
        return new SecondFactorPolicy(SecondFactorRequirement.NONE, ScopePolicy.DEFAULT, TwoFactorCredentials.none());
    }

    /** The scopes of {@code granted} that {@code user} may not hold until the account has a second factor; empty if none. */
    Set<Scope> withheld(User user, Set<Scope> granted) {
        Set<Scope> guarded = requirement.guarded(user, granted, scopes);
        if (guarded.isEmpty() || credentials.find(user.id()).filter(TwoFactorEnrolment::active).isPresent()) {
            return Set.of();
        }
        return guarded;
    }

    /** {@code granted} without what {@link #withheld} withholds. */
    Set<Scope> allowedOf(User user, Set<Scope> granted) {
        Set<Scope> withheld = withheld(user, granted);
        if (withheld.isEmpty()) {
            return granted;
        }
        Set<Scope> allowed = new LinkedHashSet<>(granted);
        allowed.removeAll(withheld);
        return allowed;
    }
}
