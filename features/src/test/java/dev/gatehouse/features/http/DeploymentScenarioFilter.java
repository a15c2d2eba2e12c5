package dev.gatehouse.features.http;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Leaves out of {@link FeaturesIT}, when it runs against a deployment ({@code GATEHOUSE_BASE_URL} is set), the
 * scenarios tagged {@code @in-process}, and those tagged {@code @administrator} unless an administrator is provisioned
 * ({@code GATEHOUSE_ADMIN_USERNAME}), {@code @mail} unless the deployment sends mail to this machine
 * ({@code GATEHOUSE_FEATURES_SMTP_PORT}), {@code @email-verification} unless it requires verified addresses
 * ({@code GATEHOUSE_EMAIL_VERIFICATION=required}); nothing otherwise, and nothing of other suites (the port suite runs them all).
 * The JUnit Platform launcher finds it through {@code META-INF/services} and applies it to every test it discovers,
 * the suite's scenarios included, so Maven, an IDE and the console launcher all leave out the same scenarios, and
 * they are not counted at all. Cucumber's own {@code cucumber.filter.tags} cannot depend on a setting and would
 * report them as skipped.
 */
public final class DeploymentScenarioFilter implements PostDiscoveryFilter {

    private static final TestTag IN_PROCESS = TestTag.create(RunningGatehouse.IN_PROCESS_TAG);
    private static final TestTag ADMINISTRATOR = TestTag.create(RunningGatehouse.ADMINISTRATOR_TAG);
    private static final TestTag MAIL = TestTag.create(MailCatcher.TAG);
    private static final TestTag EMAIL_VERIFICATION = TestTag.create(RunningGatehouse.EMAIL_VERIFICATION_TAG);

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!inFeaturesIT(descriptor.getUniqueId()) || RunningGatehouse.configuredBaseUrl().isEmpty()) {
            return FilterResult.included("runs in process");
        }
        if (descriptor.getTags().contains(IN_PROCESS)) {
            return FilterResult.excluded("needs an in-process Gatehouse, and " + RunningGatehouse.BASE_URL + " is set");
        }
        if (descriptor.getTags().contains(ADMINISTRATOR) && RunningGatehouse.configuredAdministrator().isEmpty()) {
            return FilterResult.excluded("needs a provisioned administrator, and " + RunningGatehouse.ADMIN_USERNAME + " is not set");
        }
        if (descriptor.getTags().contains(MAIL) && MailCatcher.configuredPort().isEmpty()) {
            return FilterResult.excluded("reads mail, and " + MailCatcher.PORT + " (where the deployment sends it) is not set");
        }
        if (descriptor.getTags().contains(EMAIL_VERIFICATION) && !RunningGatehouse.configuredToVerifyAddresses()) {
            return FilterResult.excluded("needs a deployment with " + RunningGatehouse.EMAIL_VERIFICATION + "=required; say so by "
                    + "setting it here too");
        }
        return FilterResult.included("runs against any Gatehouse");
    }

    private static boolean inFeaturesIT(UniqueId id) {
        return id.getSegments().stream().anyMatch(segment -> segment.getValue().equals(FeaturesIT.class.getName()));
    }
}
