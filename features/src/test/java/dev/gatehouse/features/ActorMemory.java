package dev.gatehouse.features;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What an actor of either glue remembers of their own account and session: the refresh token their last login,
 * renewal or password change earned, the one that replaced, and the username and password of their registration.
 * Each getter fails the scenario, naming the actor, when the step that would have set it never ran.
 */
public abstract class ActorMemory {

    protected final String name;
    protected String refreshToken;
    /** The refresh token the last renewal or password change replaced. */
    protected String spentRefreshToken;
    protected String lastPassword;
    /** The username of their account, as the server knows it, once they registered one. */
    protected String username;

    protected ActorMemory(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String refreshToken() {
        assertNotNull(refreshToken, () -> name + " has not logged in");
        return refreshToken;
    }

    public String spentRefreshToken() {
        assertNotNull(spentRefreshToken, () -> name + " has not renewed a session");
        return spentRefreshToken;
    }

    /** The username of their account, as the server knows it. */
    public String username() {
        assertNotNull(username, () -> name + " has not registered");
        return username;
    }

    /** The password of their last registration. */
    public String lastPassword() {
        assertNotNull(lastPassword, () -> name + " has not registered");
        return lastPassword;
    }

    @Override
    public String toString() {
        return name;
    }
}
