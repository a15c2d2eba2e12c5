package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * A rule that cannot fail proves nothing: each generic rule of {@link ArchitectureTest} is run here against test
 * fixtures that break it ({@code dev.gatehouse.adapter.alpha} reaching into {@code dev.gatehouse.adapter.beta}).
 */
class ArchitectureRulesCanFailTest {

    private final JavaClasses fixtures = new ClassFileImporter()
            .importPackages("dev.gatehouse.adapter.alpha", "dev.gatehouse.adapter.beta");

    @Test
    void the_rule_between_adapters_catches_one_adapter_using_another() {
        EvaluationResult result = ArchitectureTest.adapters_do_not_depend_on_each_other.evaluate(fixtures);

        assertTrue(result.hasViolation(), "no violation found");
        assertTrue(result.getFailureReport().toString().contains("AlphaAdapter"), result.getFailureReport().toString());
    }
}
