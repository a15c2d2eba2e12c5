package dev.gatehouse.features;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The people (and applications) of one scenario, and who acted last, for both glues. A name in a step makes that
 * actor act; a pronoun names the actor of that pronoun who acted last ("she" stays Jane while a thief or an
 * application acts); "the answer" is the last answer of whoever acted last. Every person the features name is
 * cast here with the pronoun that stands for them, so a pronoun never means "whoever spoke last" by accident.
 *
 * @param <A> the actor of one glue: over HTTP, or on the use-case ports
 */
public final class Cast<A> {

    /** Who the features name, and the pronoun for each. A client application acting on its own is "it". */
    private static final Map<String, String> PRONOUNS = Map.of(
            "Jane", "she",
            "Ada", "she",
            "Mallory", "he",
            "someone", "they",
            "someone else", "they",
            "the thief", "they");
    private static final String APPLICATION = "it";

    private record Member<A>(String pronoun, A actor) {
    }

    private final BiFunction<String, String, A> newActor;
    private final Map<String, Member<A>> members = new HashMap<>();
    /** Most recent first; each member at most once. */
    private final Deque<Member<A>> acted = new ArrayDeque<>();

    /** {@code newActor} makes an actor from its name and pronoun, the first time a step names it. */
    public Cast(BiFunction<String, String, A> newActor) {
        this.newActor = newActor;
    }

    /** The actor a step names; it acts now. */
    public A actor(String name) {
        String pronoun = PRONOUNS.get(name);
        assertNotNull(pronoun, () -> "who is " + name + "? Cast them in Cast.PRONOUNS with the pronoun that names them");
        return acts(name, pronoun);
    }

    /** A client application, named in quotes, acting on its own ("it"); it acts now. */
    public A application(String name) {
        return acts(name, APPLICATION);
    }

    /** The actor {@code pronoun} ("she", "he", "they") stands for: the last of that pronoun to act. They act again now. */
    public A pronoun(String pronoun) {
        for (Member<A> member : acted) {
            if (member.pronoun().equals(pronoun)) {
                return acts(member);
            }
        }
        throw new AssertionError("\"" + pronoun + "\" names nobody yet: no one of that pronoun has acted in this scenario");
    }

    /** Whoever acted last: the one "the answer" belongs to. */
    public A inTheSpotlight() {
        Member<A> last = acted.peekFirst();
        assertNotNull(last, "nobody has acted yet");
        return last.actor();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    private A acts(String name, String pronoun) {
        return acts(members.computeIfAbsent(name, ignored -> new Member<>(pronoun, newActor.apply(name, pronoun))));
    }

    private A acts(Member<A> member) {
        acted.remove(member);
        acted.addFirst(member);
        return member.actor();
    }
}
