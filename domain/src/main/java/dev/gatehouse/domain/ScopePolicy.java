package dev.gatehouse.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which scopes a user may hold: those every user may have, plus those each of the user's roles grants. A token
 * gets the scopes that were asked for and are allowed, never simply what was asked (the FastAPI tutorial's own
 * warning), and never a scope nobody asked for.
 */
public final class ScopePolicy {

    /** The scope the administration endpoints require. */
    public static final Scope ADMIN = new Scope("admin");
    /** The FastAPI tutorial's scopes, for every user; {@code admin} for the {@code admin} role. */
    public static final ScopePolicy DEFAULT = new ScopePolicy(Set.of(new Scope("me"), new Scope("items")),
            Map.of(Role.ADMIN, Set.of(ADMIN)));

    private final Set<Scope> everyone;
    private final Map<Role, Set<Scope>> byRole;

    public ScopePolicy(Set<Scope> everyone, Map<Role, Set<Scope>> byRole) {
        this.everyone = Set.copyOf(Objects.requireNonNull(everyone, "everyone"));
        Map<Role, Set<Scope>> copy = new TreeMap<>();
        Objects.requireNonNull(byRole, "byRole").forEach((role, scopes) -> copy.put(role, Set.copyOf(scopes)));
        this.byRole = Map.copyOf(copy);
    }

    /** The scopes each role adds. */
    public Map<Role, Set<Scope>> byRole() {
        return byRole;
    }

    /** The scopes every user may hold, whatever their roles. */
    public Set<Scope> everyone() {
        return everyone;
    }

    /** The scopes {@code user} may hold now. */
    public Set<Scope> allowed(User user) {
        Set<Scope> allowed = new LinkedHashSet<>(everyone);
        user.roles().forEach(role -> allowed.addAll(byRole.getOrDefault(role, Set.of())));
        return allowed;
    }

    /** The requested scopes {@code user} may hold; the others are silently left out (RFC 6749 section 3.3). */
    public Set<Scope> grant(User user, Collection<Scope> requested) {
        Set<Scope> allowed = allowed(user);
        return requested.stream().filter(allowed::contains).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Every scope some user could be granted, sorted: what the server metadata advertises. */
    public Set<Scope> known() {
        Set<Scope> known = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        known.addAll(everyone);
        byRole.values().forEach(known::addAll);
        return known;
    }

    /** The roles this policy knows; only these may be assigned. */
    public Set<Role> roles() {
        return new TreeSet<>(byRole.keySet());
    }

    public boolean knows(Role role) {
        return byRole.containsKey(role);
    }

    @Override
    public String toString() {
        return "ScopePolicy[everyone=" + everyone + ", byRole=" + new TreeMap<>(byRole) + "]";
    }
}
