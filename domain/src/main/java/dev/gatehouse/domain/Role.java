package dev.gatehouse.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named part a user plays, such as {@code admin}; the {@link ScopePolicy} decides which scopes it grants.
 * Lower-case, so {@code Admin} and {@code admin} cannot name two roles.
 */
public record Role(String name) implements Comparable<Role> {

    public static final int MAX_LENGTH = 64;
    // Declared before ADMIN: static fields initialise in order, and ADMIN's constructor needs it.
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");
    /** The role that may administer users; it grants the {@link ScopePolicy#ADMIN} scope by default. */
    public static final Role ADMIN = new Role("admin");

    public Role {
        Objects.requireNonNull(name, "role must not be null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("role must be 1 to " + MAX_LENGTH
                    + " characters: lower-case letters, digits, '.', '_', ':' or '-', starting with a letter");
        }
    }

    @Override
    public int compareTo(Role other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
