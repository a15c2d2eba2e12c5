package dev.gatehouse.bootstrap;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings for tests that send many requests from one address on purpose (floods, timing samples, soaks, races):
 * the per-client request budgets in front of the use cases are off, so what the test measures is what lies behind.
 */
final class RequestBudgets {

    static final Map<String, String> OFF = Map.of(
            "GATEHOUSE_REQUEST_RATE", "off",
            "GATEHOUSE_NETWORK_RATE", "off",
            "GATEHOUSE_REGISTRATION_RATE", "off");

    private RequestBudgets() {
    }

    /** {@code settings} with the request budgets off. */
    static Map<String, String> off(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(OFF);
        return all;
    }
}
