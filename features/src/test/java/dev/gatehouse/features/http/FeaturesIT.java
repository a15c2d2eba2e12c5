package dev.gatehouse.features.http;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every feature file of {@code dev.gatehouse.features} over HTTP with the glue of this package: against a
 * Gatehouse started in this JVM on PostgreSQL, or, when {@code GATEHOUSE_BASE_URL} is set, against that deployment
 * without the {@code @in-process} scenarios (see {@link RunningGatehouse}, {@link DeploymentScenarioFilter} and
 * docs/conformance.md).
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("dev.gatehouse.features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.gatehouse.features.http")
class FeaturesIT {
}
