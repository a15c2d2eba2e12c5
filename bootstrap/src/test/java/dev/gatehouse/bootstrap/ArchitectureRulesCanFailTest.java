package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * A rule that cannot fail proves nothing: each generic rule of {@link ArchitectureTest} is run here against test
 * fixtures that break it: a driving adapter ({@code dev.gatehouse.adapter.in.alpha}) reaching into a driven one
 * ({@code dev.gatehouse.adapter.out.beta}) and into a driven port, and application code reading a file.
 */
class ArchitectureRulesCanFailTest {

    private final JavaClasses fixtures = new ClassFileImporter()
            .importPackages("dev.gatehouse.adapter.in.alpha", "dev.gatehouse.adapter.out.beta", "dev.gatehouse.application.fixture");

    @Test
    void the_rule_between_adapters_catches_one_adapter_using_another() {
        EvaluationResult result = ArchitectureTest.adapters_do_not_depend_on_each_other.evaluate(fixtures);

        assertTrue(result.hasViolation(), "no violation found");
        assertTrue(result.getFailureReport().toString().contains("AlphaAdapter"), result.getFailureReport().toString());
    }

    @Test
    void the_driving_adapter_rule_catches_an_adapter_that_drives_a_store_itself() {
        EvaluationResult result = ArchitectureTest.driving_adapters_use_driving_ports_only.evaluate(fixtures);

        assertTrue(result.hasViolation(), "no violation found");
        assertTrue(result.getFailureReport().toString().contains("UserRepository"), result.getFailureReport().toString());
    }

    @Test
    void the_io_rule_catches_application_code_reading_a_file() {
        EvaluationResult result = ArchitectureTest.application_does_no_io.evaluate(fixtures);

        assertTrue(result.hasViolation(), "no violation found");
        assertTrue(result.getFailureReport().toString().contains("ReadsAFile"), result.getFailureReport().toString());
    }
}
