package dev.gatehouse.features.ports;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Runs the feature files of {@code dev.gatehouse.features} on the use-case ports, with the glue of this package: no
 * HTTP, no database, a fresh in-memory Gatehouse per scenario, in milliseconds. It proves the business rules the
 * features state independently of the HTTP adapter; the scenarios tagged {@code @http} (published keys, request
 * parsing, what an HTTP body shows) only make sense over HTTP and are left out, not counted; so are those tagged
 * {@code @mail}, which read the mail Gatehouse delivers over SMTP.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("dev.gatehouse.features")
@ExcludeTags({"http", "mail"})
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.gatehouse.features.ports")
class PortFeaturesTest {
}
