package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.features.Cast;
import java.util.Map;

/**
 * One scenario on the use-case ports: a fresh {@link InMemoryGatehouse} and the cast. Cucumber's PicoContainer makes
 * one per scenario and hands the same one to every step class that asks for it. Every scenario has a Gatehouse of
 * its own, so usernames are used as the scenarios write them.
 */
public final class Stage {

    private InMemoryGatehouse gatehouse = InMemoryGatehouse.withDefaults();
    private final Cast<Actor> cast = new Cast<>((name, pronoun) -> new Actor(name, gatehouse));

    /** The actor a step names; they act now. */
    public Actor actor(String name) {
        return cast.actor(name);
    }

    /** A client application acting on its own. */
    public Actor application(String name) {
        return cast.application(name);
    }

    /** The last woman to act ("she", "her"). */
    public Actor she() {
        return cast.pronoun("she");
    }

    /** The result whoever acted last got. */
    public Object theAnswer() {
        return cast.inTheSpotlight().answer();
    }

    /** Whoever acted last. */
    public Actor inTheSpotlight() {
        return cast.inTheSpotlight();
    }

    InMemoryGatehouse gatehouse() {
        return gatehouse;
    }

    /** Plays the scenario against a Gatehouse with these client applications; only before anyone acts. */
    void playWithClients(Map<String, String> clientSettings) {
        assertTrue(cast.isEmpty(), "register the client applications before anyone talks to Gatehouse");
        gatehouse = InMemoryGatehouse.withClients(clientSettings);
    }
}
