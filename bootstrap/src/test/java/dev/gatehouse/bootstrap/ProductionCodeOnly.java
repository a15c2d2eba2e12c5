package dev.gatehouse.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Imports only production classes. ArchUnit's own {@code DoNotIncludeTests} knows test-class folders but
 * not Maven test-jars, through which the fakes and contract tests of other modules reach this class path.
 */
final class ProductionCodeOnly implements ImportOption {

    private static final ImportOption TEST_FOLDERS = new DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        return TEST_FOLDERS.includes(location) && !location.contains("-tests.jar");
    }
}
