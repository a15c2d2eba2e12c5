package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every driven port has a contract test in the application's test-jar, {@code <Port>Contract}, that a new adapter
 * extends and runs first: a port without one leaves its next adapter to guess what "works" means. A driven port is
 * an interface of {@code application.port.out} that is not sealed (a sealed one is a closed set of values).
 */
class PortContractsTest {

    private static final String PORTS = "dev.gatehouse.application.port.out";
    private static final String CONTRACTS = "dev.gatehouse.application.testing";

    @Test
    void every_driven_port_has_a_contract_test() {
        List<String> ports = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PORTS).stream()
                .filter(JavaClass::isInterface)
                .filter(port -> port.getPackageName().equals(PORTS) && port.isTopLevelClass())
                .filter(port -> !port.reflect().isSealed())
                .map(JavaClass::getSimpleName)
                .sorted()
                .toList();
        assertTrue(ports.size() >= 11, "expected at least the 11 driven ports, found " + ports);

        List<String> withoutContract = ports.stream().filter(port -> !hasContract(port)).toList();

        assertEquals(List.of(), withoutContract, "driven ports without an abstract " + CONTRACTS + ".<Port>Contract "
                + "holding tests (of " + ports.stream().collect(Collectors.joining(", ")) + ")");
    }

    private static boolean hasContract(String port) {
        try {
            Class<?> contract = Class.forName(CONTRACTS + "." + port + "Contract");
            return Modifier.isAbstract(contract.getModifiers()) && Arrays.stream(contract.getDeclaredMethods())
                    .anyMatch(method -> method.isAnnotationPresent(Test.class));
        } catch (ClassNotFoundException none) {
            return false;
        }
    }
}
