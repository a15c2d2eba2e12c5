package dev.gatehouse.features.http;

import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.service.UseCases;
import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.bootstrap.Gatehouse;
import dev.gatehouse.bootstrap.GatehouseSettings;
import dev.gatehouse.bootstrap.SettingSource;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Username;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The Gatehouse the scenarios talk to, one per test run. By default it is started here: the production
 * assembly on a fresh PostgreSQL database, on a free port, with a clock the scenarios can move forward,
 * stopped when the JVM exits. When {@value #BASE_URL} is set (as a system property or an environment
 * variable) the scenarios talk to that deployment instead, over HTTP only: the scenarios tagged
 * {@code @}{@value #IN_PROCESS_TAG}, which move the clock by minutes or need settings of their own, cannot run there
 * and are left out by {@link InProcessScenarioFilter}.
 *
 * <p>Set-up that needs an administrator (making Ada one, disabling Jane's account) goes through the admin API as
 * an administrator provisioned beforehand: against a deployment, the one {@value #ADMIN_USERNAME} and
 * {@value #ADMIN_PASSWORD} name (created there with {@code create-user <name> --admin}); without them the
 * scenarios tagged {@code @}{@value #ADMINISTRATOR_TAG} are left out. In process, this class creates that
 * administrator itself at start, through the use cases, as {@code create-user --admin} does.
 */
final class RunningGatehouse {

    /** The switch: the base URL of a running deployment, such as {@code http://localhost:8080}. */
    static final String BASE_URL = "GATEHOUSE_BASE_URL";
    /** The tag (without its {@code @}) of the scenarios that need an in-process Gatehouse. */
    static final String IN_PROCESS_TAG = "in-process";
    /** The username of the deployment's provisioned administrator. */
    static final String ADMIN_USERNAME = "GATEHOUSE_ADMIN_USERNAME";
    /** That administrator's password. */
    static final String ADMIN_PASSWORD = "GATEHOUSE_ADMIN_PASSWORD";
    /** The tag (without its {@code @}) of the scenarios whose set-up needs the provisioned administrator. */
    static final String ADMINISTRATOR_TAG = "administrator";
    /** Time passes for real against a deployment, up to this much in one step; longer is for the in-process clock only. */
    private static final Duration LONGEST_REAL_WAIT = Duration.ofSeconds(30);

    /** How the provisioned administrator logs in. */
    record Credentials(String username, String password) {

        @Override
        public String toString() {
            return "Credentials[" + username + ", password redacted]";
        }
    }

    private static RunningGatehouse instance;
    /** The Gatehouses started with client applications registered, one per distinct set of client settings. */
    private static final Map<Map<String, String>, RunningGatehouse> WITH_CLIENTS = new HashMap<>();

    private final URI baseUri;
    private final Gatehouse gatehouse;
    private final MutableClock clock;
    private final Optional<Credentials> administrator;

    private RunningGatehouse(URI baseUri, Gatehouse gatehouse, MutableClock clock, Optional<Credentials> administrator) {
        this.baseUri = baseUri;
        this.gatehouse = gatehouse;
        this.clock = clock;
        this.administrator = administrator;
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

    /** The setting that makes a Gatehouse refuse tokens to accounts whose address is not verified. */
    static final String EMAIL_VERIFICATION = "GATEHOUSE_EMAIL_VERIFICATION";
    /** The tag (without its {@code @}) of the scenarios that need {@value #EMAIL_VERIFICATION}{@code =required}. */
    static final String EMAIL_VERIFICATION_TAG = "email-verification";

    /**
     * A Gatehouse that requires verified addresses: in process, a second one started with
     * {@value #EMAIL_VERIFICATION}{@code =required}; against a deployment, the deployment itself, which the scenarios
     * tagged {@code @}{@value #EMAIL_VERIFICATION_TAG} then expect to run so (set {@value #EMAIL_VERIFICATION}{@code =required}
     * for them too, or they are left out).
     */
    static synchronized RunningGatehouse verifyingAddresses() {
        if (configuredBaseUrl().isPresent()) {
            return get();
        }
        return WITH_CLIENTS.computeIfAbsent(Map.of(EMAIL_VERIFICATION, "required"), RunningGatehouse::inProcess);
    }

    /** Whether the deployment is said to require verified addresses ({@value #EMAIL_VERIFICATION}{@code =required}). */
    static boolean configuredToVerifyAddresses() {
        return setting(EMAIL_VERIFICATION).map(String::strip).filter("required"::equalsIgnoreCase).isPresent();
    }

    /** The {@value #BASE_URL} setting, the system property first; blank counts as unset. */
    static Optional<String> configuredBaseUrl() {
        return setting(BASE_URL).map(String::strip);
    }

    /** The deployment's provisioned administrator, when both {@value #ADMIN_USERNAME} and {@value #ADMIN_PASSWORD} are set. */
    static Optional<Credentials> configuredAdministrator() {
        Optional<String> username = setting(ADMIN_USERNAME).map(String::strip);
        Optional<String> password = setting(ADMIN_PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("set both " + ADMIN_USERNAME + " and " + ADMIN_PASSWORD + ", or neither");
        }
        return username.map(name -> new Credentials(name, password.orElseThrow()));
    }

    /** A setting as a system property or, failing that, an environment variable; blank counts as unset. */
    private static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getProperty(name))
                .or(() -> Optional.ofNullable(System.getenv(name)))
                .filter(value -> !value.isBlank());
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
        return new RunningGatehouse(uri.resolve(path.endsWith("/") ? path : path + "/"), null, null, configuredAdministrator());
    }

    private static RunningGatehouse inProcess() {
        return inProcess(Map.of());
    }

    /**
     * Creates the administrator of an in-process Gatehouse as {@code create-user <name> --admin} creates one on a
     * deployment: a registration, then the admin role given by the console, through the production assembly.
     */
    private static Credentials provisionAdministrator(Gatehouse gatehouse, GatehouseSettings settings) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        Credentials admin = new Credentials("provisioned-admin", HexFormat.of().formatHex(random));
        UseCases useCases = gatehouse.useCases();
        Username username = new Username(admin.username());
        RegisterUserResult registered = useCases.registerUser().register(new RegisterUserCommand(username,
                new PlainPassword(admin.password()), Optional.empty(), Optional.empty(), ClientAddress.LOCAL));
        if (!(registered instanceof RegisterUserResult.Registered)) {
            throw new IllegalStateException("could not register the provisioned administrator: " + registered);
        }
        AdminResult<?> promoted = useCases.changeUserRole().changeRole(
                new AccountAction(dev.gatehouse.application.port.in.Actor.console(), username, ClientAddress.LOCAL), Role.ADMIN, true);
        if (!(promoted instanceof AdminResult.Done)) {
            throw new IllegalStateException("could not give the provisioned administrator the admin role: " + promoted);
        }
        return admin;
    }

    private static RunningGatehouse inProcess(Map<String, String> extraSettings) {
        MutableClock clock = MutableClock.startingNow();
        Map<String, String> values = new HashMap<>(extraSettings);
        values.put("GATEHOUSE_JWT_SECRET", "acceptance-tests-secret-of-at-least-32-bytes");
        // The administrators the scenarios make sign in with a password only (a deployment under test needs the same).
        values.putIfAbsent("GATEHOUSE_2FA_REQUIRED_ROLES", "none");
        values.put("GATEHOUSE_PORT", "0");
        // Secure cookies over plain HTTP, as in the README's demo deployment: the known device travels as device_token.
        // Every scenario speaks from 127.0.0.1, faster than any one client would: no request budgets in front.
        values.putIfAbsent("GATEHOUSE_REQUEST_RATE", "off");
        values.putIfAbsent("GATEHOUSE_NETWORK_RATE", "off");
        values.putIfAbsent("GATEHOUSE_REGISTRATION_RATE", "off");
        // Mail goes to the scenarios' mailbox.
        values.put("GATEHOUSE_SMTP_HOST", "127.0.0.1");
        values.put("GATEHOUSE_SMTP_PORT", Integer.toString(MailCatcher.get().port()));
        values.put("GATEHOUSE_SMTP_SECURITY", "none");
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(values))
                .withDatabase(TestDatabases.freshPostgres());
        Gatehouse gatehouse = Gatehouse.start(settings, clock);
        Runtime.getRuntime().addShutdownHook(new Thread(gatehouse::close, "gatehouse-features-shutdown"));
        // Only the default Gatehouse gets one: no @administrator scenario registers client applications.
        Optional<Credentials> administrator = extraSettings.isEmpty()
                ? Optional.of(provisionAdministrator(gatehouse, settings)) : Optional.empty();
        return new RunningGatehouse(URI.create("http://127.0.0.1:" + gatehouse.port() + "/"), gatehouse, clock, administrator);
    }

    /** Where requests go; always ends with {@code /}, so relative paths resolve beneath it. */
    URI baseUri() {
        return baseUri;
    }

    /** The time Gatehouse goes by: the scenarios' clock in process, the real time for a deployment. */
    java.time.Instant now() {
        return clock == null ? java.time.Instant.now() : clock.instant();
    }

    /** Lets {@code time} pass: on the scenarios' clock in process, for real (a short while only) against a deployment. */
    void letPass(Duration time) {
        if (clock != null) {
            clock.advance(time);
            return;
        }
        if (time.compareTo(LONGEST_REAL_WAIT) > 0) {
            inProcessOnly("let " + time + " pass at once");
        }
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The administrator provisioned on this Gatehouse, for set-up through the admin API. */
    Credentials administrator() {
        return administrator.orElseThrow(() -> new IllegalStateException("this scenario needs an administrator provisioned on "
                + baseUri + ": set " + ADMIN_USERNAME + " and " + ADMIN_PASSWORD + " (create one with create-user <name> --admin), "
                + "or tag it @" + IN_PROCESS_TAG + "; scenarios tagged @" + ADMINISTRATOR_TAG + " are left out without them"));
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
