package dev.gatehouse.features;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Leaves out the scenarios tagged {@code @in-process} when the features run against a deployment
 * ({@code GATEHOUSE_BASE_URL} is set), and nothing otherwise. The JUnit Platform launcher finds it through
 * {@code META-INF/services} and applies it to every test it discovers, the suite's scenarios included, so
 * Maven, an IDE and the console launcher all leave out the same scenarios, and they are not counted at all.
 * Cucumber's own {@code cucumber.filter.tags} cannot depend on a setting and would report them as skipped.
 */
public final class InProcessScenarioFilter implements PostDiscoveryFilter {

    private static final TestTag IN_PROCESS = TestTag.create(RunningGatehouse.IN_PROCESS_TAG);

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (descriptor.getTags().contains(IN_PROCESS) && RunningGatehouse.configuredBaseUrl().isPresent()) {
            return FilterResult.excluded("needs an in-process Gatehouse, and " + RunningGatehouse.BASE_URL + " is set");
        }
        return FilterResult.included("runs against any Gatehouse");
    }
}
