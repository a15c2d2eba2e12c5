package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsTest {

    @Test
    void none_has_no_checks_and_two_seconds() {
        assertEquals(List.of(), Operations.none().readinessChecks());
        assertEquals(Duration.ofSeconds(2), Operations.none().readinessTimeout());
    }

    @Test
    void keeps_its_own_copy_of_the_checks() {
        List<ReadinessCheck> checks = new ArrayList<>(List.of(named("database")));
        Operations operations = new Operations(checks, Duration.ofSeconds(1));
        checks.add(named("cache"));

        assertEquals(1, operations.readinessChecks().size());
    }

    @Test
    void refuses_names_that_could_not_stand_in_an_answer() {
        for (String name : new String[] {null, "", "data base", "x".repeat(65), "db\"}", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> new Operations(List.of(named(name)), Duration.ofSeconds(1)),
                    String.valueOf(name));
        }
        assertThrows(IllegalArgumentException.class,
                () -> new Operations(List.of(named("database"), named("database")), Duration.ofSeconds(1)));
    }

    @Test
    void refuses_a_timeout_that_is_not_positive_or_over_a_minute() {
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofSeconds(61))) {
            assertThrows(IllegalArgumentException.class, () -> new Operations(List.of(), timeout), timeout::toString);
        }
        assertThrows(NullPointerException.class, () -> new Operations(List.of(), null));
        assertThrows(NullPointerException.class, () -> new Operations(null, Duration.ofSeconds(1)));
    }

    private static ReadinessCheck named(String name) {
        return ReadinessCheck.of(name, timeout -> true);
    }
}
