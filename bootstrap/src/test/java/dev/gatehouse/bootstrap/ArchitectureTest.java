package dev.gatehouse.bootstrap;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.gatehouse.adapter.out.observability.BackgroundConsoleHandler;
import dev.gatehouse.application.port.out.StoreUnavailableException;

/**
 * The module boundaries, as tests: a boundary that is only a convention erodes. Every rule must match real
 * classes ({@code failOnEmptyShould} stays on), so a renamed package cannot make a rule pass vacuously.
 */
@AnalyzeClasses(packages = "dev.gatehouse", importOptions = ProductionCodeOnly.class)
class ArchitectureTest {

    private static final String DOMAIN = "dev.gatehouse.domain..";
    private static final String APPLICATION = "dev.gatehouse.application..";
    private static final String PORT_IN = "dev.gatehouse.application.port.in..";
    private static final String PORT_OUT = "dev.gatehouse.application.port.out..";
    private static final String SERVICE = "dev.gatehouse.application.service..";
    private static final String ASSEMBLY = "dev.gatehouse.application.assembly..";
    private static final String ADAPTERS = "dev.gatehouse.adapter..";
    private static final String DRIVING_ADAPTERS = "dev.gatehouse.adapter.in..";
    private static final String DRIVEN_ADAPTERS = "dev.gatehouse.adapter.out..";
    private static final String WEB = "dev.gatehouse.adapter.in.web..";
    private static final String PERSISTENCE = "dev.gatehouse.adapter.out.persistence..";
    private static final String SUPPORT = "dev.gatehouse.support..";
    private static final String BOOTSTRAP = "dev.gatehouse.bootstrap..";
    private static final String[] IO = {"java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "java.sql.."};
    private static final DescribedPredicate<JavaClass> SEALED = DescribedPredicate.describe("sealed",
            javaClass -> javaClass.reflect().isSealed());

    @ArchTest
    static final ArchRule rings_point_inwards = onionArchitecture()
            .domainModels(DOMAIN)
            .applicationServices(APPLICATION)
            .adapter("driving", DRIVING_ADAPTERS)
            .adapter("driven", DRIVEN_ADAPTERS)
            .withOptionalLayers(true)
            .ignoreDependency(resideInAPackage(BOOTSTRAP), alwaysTrue())
            // The adapters' shared library reads domain values; support_knows_only_the_domain keeps it to that.
            .ignoreDependency(resideInAPackage(SUPPORT), resideInAPackage(DOMAIN));

    @ArchTest
    static final ArchRule domain_uses_the_jdk_only = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("the domain is plain Java: no framework, no annotations, no I/O");

    @ArchTest
    static final ArchRule domain_does_no_io = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(IO);

    @ArchTest
    static final ArchRule application_uses_the_domain_and_the_jdk_only = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..");

    // The core reaches files, sockets and databases only through its driven ports, so a fake can stand in for each.
    @ArchTest
    static final ArchRule application_does_no_io = noClasses().that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(IO);

    @ArchTest
    static final ArchRule driving_ports_do_not_know_driven_ports = noClasses().that().resideInAPackage(PORT_IN)
            .should().dependOnClassesThat().resideInAPackage(PORT_OUT);

    @ArchTest
    static final ArchRule driven_ports_do_not_know_driving_ports = noClasses().that().resideInAPackage(PORT_OUT)
            .should().dependOnClassesThat().resideInAPackage(PORT_IN);

    // A driving adapter (HTTP, the command line) translates and calls a use case; it never drives a store itself. The
    // one exception is the store-down signal, which crosses the core unchanged so that every adapter can say "try later".
    @ArchTest
    static final ArchRule driving_adapters_use_driving_ports_only = noClasses().that().resideInAPackage(DRIVING_ADAPTERS)
            .should().dependOnClassesThat(resideInAnyPackage(PORT_OUT, SERVICE, ASSEMBLY)
                    .and(not(type(StoreUnavailableException.class))));

    @ArchTest
    static final ArchRule adapters_go_through_ports_not_services = noClasses().that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(SERVICE, ASSEMBLY);

    // Every adapter package, today's and any a team adds: adapters meet only through the ports, wired by bootstrap.
    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = slices().matching("dev.gatehouse.adapter.(*).(*)..")
            .should().notDependOnEachOther();

    // What several adapters must do alike (strict JSON, HKDF, the audit-failure warning) knows no adapter and no port.
    @ArchTest
    static final ArchRule support_knows_only_the_domain = noClasses().that().resideInAPackage(SUPPORT)
            .should().dependOnClassesThat().resideInAnyPackage(APPLICATION, ADAPTERS, BOOTSTRAP);

    // Bootstrap reads settings and wires; a port's implementation belongs in an adapter, where its contract runs.
    @ArchTest
    static final ArchRule bootstrap_implements_no_port = noClasses().that().resideInAPackage(BOOTSTRAP)
            .should().beAssignableTo(resideInAPackage(PORT_OUT));

    // A sealed interface in port.in is a closed set of values (a result, the Actor), never a port to implement.
    @ArchTest
    static final ArchRule driving_ports_are_named_use_cases = classes()
            .that().resideInAPackage(PORT_IN).and().areInterfaces().and().areNotNestedClasses()
            .and().haveSimpleNameNotEndingWith("Result").and(not(SEALED))
            .should().haveSimpleNameEndingWith("UseCase");
    @ArchTest
    // UseCases, the one assembly, lives beside the services to hand them their package-private collaborators.
    static final ArchRule use_cases_are_implemented_by_services = classes()
            .that().resideInAPackage(SERVICE).and().areTopLevelClasses().and().arePublic()
            .and().doNotHaveSimpleName("UseCases")
            .should().haveSimpleNameEndingWith("Service")
            .andShould().beAssignableTo(resideInAPackage(PORT_IN))
            .andShould().haveOnlyFinalFields();

    // Steps several use cases share (starting a session, authenticating a bearer token) are package-private
    // helpers of the services, invisible to adapters and stateless like them.
    @ArchTest
    static final ArchRule service_helpers_stay_inside_the_service_package = classes()
            .that().resideInAPackage(SERVICE).and().areTopLevelClasses().and().areNotPublic()
            .should().haveOnlyFinalFields()
            .andShould().onlyBeAccessed().byClassesThat().resideInAPackage(SERVICE);

    // An HTTP resource is a RoutedService (its routes in one list, registered through RouteTable), or a Helidon
    // HttpService registered as such; either is the web adapter's.
    @ArchTest
    static final ArchRule http_services_live_in_the_web_adapter = classes()
            .that().implement(io.helidon.webserver.http.HttpService.class)
            .or().implement("dev.gatehouse.adapter.in.web.RoutedService")
            .should().resideInAPackage(WEB).andShould().haveSimpleNameEndingWith("HttpService");

    @ArchTest
    static final ArchRule jpa_entities_live_in_the_persistence_adapter = classes()
            .that().areAnnotatedWith(jakarta.persistence.Entity.class)
            .should().resideInAPackage(PERSISTENCE).andShould().haveSimpleNameEndingWith("JpaEntity");

    @ArchTest
    static final ArchRule no_cycles = slices().matching("dev.gatehouse.(**)").should().beFreeOfCycles();

    /** Main talks to the operator; the console log handler is where every log line meets standard output. */
    @ArchTest
    static final ArchRule no_standard_streams_outside_main = noClasses()
            .that().doNotHaveFullyQualifiedName(Main.class.getName())
            .and().doNotHaveFullyQualifiedName(BackgroundConsoleHandler.class.getName())
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS);
}
