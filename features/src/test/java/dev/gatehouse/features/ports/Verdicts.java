package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.RegisterUserResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the refusals the features quote mean on the ports: the features speak the words a client reads, the use cases
 * answer with results; this is the one dictionary between them. A phrase it does not know fails the step, rather
 * than passing on a guess.
 */
final class Verdicts {

    private static final Map<String, List<Class<?>>> MEANINGS = Map.of(
            // Throttled logins are answered in the same words: the wait is the only difference.
            "Incorrect username or password", List.of(LogInResult.InvalidCredentials.class, LogInResult.Throttled.class),
            "Could not validate credentials", List.of(CurrentUserResult.InvalidToken.class),
            "Inactive user", List.of(CurrentUserResult.InactiveUser.class),
            "Incorrect password", List.of(ChangePasswordResult.WrongCurrentPassword.class),
            "Username already registered", List.of(RegisterUserResult.UsernameTaken.class));

    private Verdicts() {
    }

    /** Asserts that {@code result} is what {@code phrase} says. */
    static void assertMeans(String phrase, Object result) {
        List<Class<?>> meanings = MEANINGS.get(phrase);
        assertNotNull(meanings, () -> "the port glue does not know what \"" + phrase + "\" means: add it to Verdicts");
        assertTrue(meanings.stream().anyMatch(meaning -> meaning.isInstance(result)),
                () -> "\"" + phrase + "\" means one of " + meanings.stream().map(Class::getSimpleName).toList() + ", got " + result);
    }

    /** How long {@code result} asks to wait, in whole seconds rounded up, as {@code Retry-After} says it. */
    static long retryAfterSeconds(Object result) {
        Duration wait = switch (result) {
            case LogInResult.Throttled throttled -> throttled.retryAfter();
            case ChangePasswordResult.Throttled throttled -> throttled.retryAfter();
            default -> fail("no wait asked for: " + result);
        };
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
