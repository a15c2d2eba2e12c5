package dev.gatehouse.features;

import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.bootstrap.Gatehouse;
import dev.gatehouse.bootstrap.GatehouseSettings;
import dev.gatehouse.bootstrap.SettingSource;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Gatehouse the scenarios talk to, one per test run. By default it is started here: the production
 * assembly on a fresh PostgreSQL database, on a free port, with a clock the scenarios can move forward,
 * stopped when the JVM exits. When {@value #BASE_URL} is set (as a system property or an environment
 * variable) the scenarios talk to that deployment instead, over HTTP only: the scenarios tagged
 * {@code @}{@value #IN_PROCESS_TAG}, which move the clock or change the store directly, cannot run there and
 * are left out by {@link InProcessScenarioFilter}.
 */
final class RunningGatehouse {

    /** The switch: the base URL of a running deployment, such as {@code http://localhost:8080}. */
    static final String BASE_URL = "GATEHOUSE_BASE_URL";
    /** The tag (without its {@code @}) of the scenarios that need an in-process Gatehouse. */
    static final String IN_PROCESS_TAG = "in-process";

    private static RunningGatehouse instance;
    /** The Gatehouses started with client applications registered, one per distinct set of client settings. */
    private static final Map<Map<String, String>, RunningGatehouse> WITH_CLIENTS = new HashMap<>();

    private final URI baseUri;
    private final Gatehouse gatehouse;
    private final MutableClock clock;

    private RunningGatehouse(URI baseUri, Gatehouse gatehouse, MutableClock clock) {
        this.baseUri = baseUri;
        this.gatehouse = gatehouse;
        this.clock = clock;
    }

    static synchronized RunningGatehouse get() {
        if (instance == null) {
            instance = configuredBaseUrl().map(RunningGatehouse::deployed).orElseGet(RunningGatehouse::inProcess);
        }
        return instance;
    }

    /**
     * A second in-process Gatehouse, started with these client settings ({@code GATEHOUSE_CLIENTS} and
     * {@code GATEHOUSE_CLIENT_SECRET_<ID>}) on a database of its own, once per distinct set of settings: the client
     * applications are configuration read at start. Only for {@code @}{@value #IN_PROCESS_TAG} scenarios.
     */
    static synchronized RunningGatehouse withClients(Map<String, String> clientSettings) {
        if (configuredBaseUrl().isPresent()) {
            throw new IllegalStateException("a scenario that registers client applications needs an in-process Gatehouse: tag it @"
                    + IN_PROCESS_TAG);
        }
        return WITH_CLIENTS.computeIfAbsent(Map.copyOf(clientSettings), RunningGatehouse::inProcess);
    }

    /** The {@value #BASE_URL} setting, the system property first; blank counts as unset. */
    static Optional<String> configuredBaseUrl() {
        return Optional.ofNullable(System.getProperty(BASE_URL))
                .or(() -> Optional.ofNullable(System.getenv(BASE_URL)))
                .map(String::strip)
                .filter(url -> !url.isEmpty());
    }

    private static RunningGatehouse deployed(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(BASE_URL + " is not a URL: " + baseUrl, invalid);
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(BASE_URL + " must be an http:// or https:// URL, got " + baseUrl);
        }
        // A trailing slash, so that a deployment under a path prefix (https://example.com/auth) keeps it.
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new RunningGatehouse(uri.resolve(path.endsWith("/") ? path : path + "/"), null, null);
    }

    private static RunningGatehouse inProcess() {
        return inProcess(Map.of());
    }

    private static RunningGatehouse inProcess(Map<String, String> extraSettings) {
        MutableClock clock = MutableClock.startingNow();
        Map<String, String> values = new HashMap<>(extraSettings);
        values.put("GATEHOUSE_JWT_SECRET", "acceptance-tests-secret-of-at-least-32-bytes");
        values.put("GATEHOUSE_PORT", "0");
        // Secure cookies over plain HTTP, as in the README's demo deployment: the known device travels as device_token.
        // Every scenario speaks from 127.0.0.1, faster than any one client would: no request budgets in front.
        values.putIfAbsent("GATEHOUSE_REQUEST_RATE", "off");
        values.putIfAbsent("GATEHOUSE_NETWORK_RATE", "off");
        values.putIfAbsent("GATEHOUSE_REGISTRATION_RATE", "off");
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(values))
                .withDatabase(TestDatabases.freshPostgres());
        Gatehouse gatehouse = Gatehouse.start(settings, clock);
        Runtime.getRuntime().addShutdownHook(new Thread(gatehouse::close, "gatehouse-features-shutdown"));
        return new RunningGatehouse(URI.create("http://127.0.0.1:" + gatehouse.port() + "/"), gatehouse, clock);
    }

    /** Where requests go; always ends with {@code /}, so relative paths resolve beneath it. */
    URI baseUri() {
        return baseUri;
    }

    /** The time Gatehouse goes by: the scenarios' clock in process, the real time for a deployment. */
    java.time.Instant now() {
        return clock == null ? java.time.Instant.now() : clock.instant();
    }

    MutableClock clock() {
        return inProcessOnly("move the clock").clock;
    }

    UserRepository users() {
        return inProcessOnly("change the user store directly").gatehouse.ports().users();
    }

    private RunningGatehouse inProcessOnly(String what) {
        if (gatehouse == null) {
            // InProcessScenarioFilter keeps such scenarios out; this only fires when it was bypassed or a tag is missing.
            throw new IllegalStateException("this scenario must " + what + ", which needs an in-process Gatehouse: tag it @"
                    + IN_PROCESS_TAG + " (it does not run against " + BASE_URL + "=" + baseUri + ")");
        }
        return this;
    }
}
