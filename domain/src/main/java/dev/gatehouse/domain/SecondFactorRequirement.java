package dev.gatehouse.domain;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The roles whose privileges need a second factor: an account holding one of {@code roles} without an active second
 * factor gets no token carrying the scopes only those roles grant it (for example {@code admin}), but still gets the
 * scopes every user or its other roles grant, so it can sign in to enrol. {@link #NONE}: no role needs one.
 */
public record SecondFactorRequirement(Set<Role> roles) {

    /** No role needs a second factor. */
    public static final SecondFactorRequirement NONE = new SecondFactorRequirement(Set.of());

    public SecondFactorRequirement {
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    }

    /**
     * The scopes of {@code granted} that {@code user} holds under {@code policy} only through a role that needs a second
     * factor: those a token may carry only once the account has one. Empty when none.
     */
    public Set<Scope> guarded(User user, Set<Scope> granted, ScopePolicy policy) {
        if (roles.isEmpty()) {
            return Set.of();
        }
        Set<Scope> guarded = new HashSet<>();
        Set<Scope> unguarded = new HashSet<>(policy.everyone());
        for (Role role : user.roles()) {
            (roles.contains(role) ? guarded : unguarded).addAll(policy.byRole().getOrDefault(role, Set.of()));
        }
        guarded.removeAll(unguarded);
        guarded.retainAll(granted);
        return Set.copyOf(guarded);
    }
}
