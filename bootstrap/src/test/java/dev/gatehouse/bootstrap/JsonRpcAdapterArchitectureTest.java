package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.gatehouse.adapter.in.jsonrpc.JsonRpcServer;
import org.junit.jupiter.api.Test;

/**
 * The JSON-RPC sample obeys the rules production adapters obey. {@link ArchitectureTest} analyses production classes
 * only, and the sample lives in test scope, so the adapter rules are evaluated here against the sample beside every
 * production adapter (the rule-breaking fixtures of {@link ArchitectureRulesCanFailTest} left out). The sample's
 * package is new, and no rule had to be edited to cover it: the rules name package patterns
 * ({@code dev.gatehouse.adapter.in..}, {@code dev.gatehouse.adapter.(*).(*)..}), not today's adapters.
 */
class JsonRpcAdapterArchitectureTest {

    private static final String SAMPLE = "/dev/gatehouse/adapter/in/jsonrpc/";
    private static final ImportOption PRODUCTION_AND_SAMPLE = location ->
            new ProductionCodeOnly().includes(location) || location.contains(SAMPLE);

    private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(PRODUCTION_AND_SAMPLE)
            .importPackages("dev.gatehouse.adapter");

    @Test
    void the_sample_is_imported_beside_the_production_adapters() {
        assertTrue(CLASSES.contain(JsonRpcServer.class), "the sample was not imported");
        assertTrue(CLASSES.contain("dev.gatehouse.adapter.in.web.WebUseCases"), "the web adapter was not imported");
        assertFalse(CLASSES.contain("dev.gatehouse.adapter.in.alpha.AlphaAdapter"), "a rule-breaking fixture was imported");
    }

    @Test
    void the_sample_uses_driving_ports_only() {
        assertNoViolation(ArchitectureTest.driving_adapters_use_driving_ports_only);
    }

    @Test
    void the_sample_depends_on_no_other_adapter() {
        assertNoViolation(ArchitectureTest.adapters_do_not_depend_on_each_other);
    }

    @Test
    void the_sample_goes_through_ports_not_services() {
        assertNoViolation(ArchitectureTest.adapters_go_through_ports_not_services);
    }

    private void assertNoViolation(ArchRule rule) {
        EvaluationResult result = rule.evaluate(CLASSES);
        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }
}
