package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.features.Cast;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scenario over HTTP: the Gatehouse it plays against, its cast, and the usernames it may use. Cucumber's
 * PicoContainer makes one per scenario and hands the same one to every step class that asks for it.
 *
 * <p>Every username a scenario mentions gets a suffix naming this run (random) and this scenario (counted),
 * keeping its case, so scenarios share one database without seeing each other's accounts, and the pack can run
 * again and again against the same deployment.
 */
public final class Stage {

    /** Six random base-36 characters: a new run never meets the accounts of an earlier one. */
    private static final String RUN = randomRunId();
    private static final AtomicInteger SCENARIOS = new AtomicInteger();

    private final String suffix = "." + RUN + ".s" + SCENARIOS.incrementAndGet();
    /** The default Gatehouse, with no client application registered, unless the scenario registers some first. */
    private RunningGatehouse gatehouse = RunningGatehouse.get();
    private final Cast<Actor> cast = new Cast<>((name, pronoun) -> new Actor(name, gatehouse.baseUri()));

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

    /** The answer whoever acted last got. */
    public GatehouseClient.Answer theAnswer() {
        return cast.inTheSpotlight().answer();
    }

    /** Whoever acted last. */
    public Actor inTheSpotlight() {
        return cast.inTheSpotlight();
    }

    /** The username the server sees: the scenario's name plus this run's and this scenario's suffix, case kept. */
    public String username(String name) {
        return name + suffix;
    }

    public RunningGatehouse gatehouse() {
        return gatehouse;
    }

    /** Plays the scenario against another Gatehouse (one with client applications); only before anyone acts. */
    void playAgainst(RunningGatehouse other) {
        assertTrue(cast.isEmpty(), "register the client applications before anyone talks to Gatehouse");
        gatehouse = other;
    }

    private static String randomRunId() {
        StringBuilder id = new StringBuilder();
        new SecureRandom().ints(6, 0, 36).forEach(digit -> id.append(Character.forDigit(digit, 36)));
        return id.toString();
    }
}
