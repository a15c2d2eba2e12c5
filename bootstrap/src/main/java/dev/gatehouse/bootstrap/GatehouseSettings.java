package dev.gatehouse.bootstrap;

import static dev.gatehouse.bootstrap.SettingsCatalogue.ADMIN_PORT;
import static dev.gatehouse.bootstrap.SettingsCatalogue.ARGON2_ITERATIONS;
import static dev.gatehouse.bootstrap.SettingsCatalogue.ARGON2_MEMORY_KIB;
import static dev.gatehouse.bootstrap.SettingsCatalogue.ARGON2_PARALLELISM;
import static dev.gatehouse.bootstrap.SettingsCatalogue.AUDIT_RETENTION;
import static dev.gatehouse.bootstrap.SettingsCatalogue.CLIENT_AUDIENCES;
import static dev.gatehouse.bootstrap.SettingsCatalogue.DATA_DIR;
import static dev.gatehouse.bootstrap.SettingsCatalogue.DB_PASSWORD;
import static dev.gatehouse.bootstrap.SettingsCatalogue.DB_POOL_SIZE;
import static dev.gatehouse.bootstrap.SettingsCatalogue.DB_URL;
import static dev.gatehouse.bootstrap.SettingsCatalogue.INTROSPECTION_BURST;
import static dev.gatehouse.bootstrap.SettingsCatalogue.INTROSPECTION_RATE;
import static dev.gatehouse.bootstrap.SettingsCatalogue.DB_USER;
import static dev.gatehouse.bootstrap.SettingsCatalogue.DEMO;
import static dev.gatehouse.bootstrap.SettingsCatalogue.HASH_MAX_CONCURRENT;
import static dev.gatehouse.bootstrap.SettingsCatalogue.HASH_MAX_CONCURRENT_REGISTRATIONS;
import static dev.gatehouse.bootstrap.SettingsCatalogue.HASH_MAX_WAIT;
import static dev.gatehouse.bootstrap.SettingsCatalogue.HASH_MAX_WAITING;
import static dev.gatehouse.bootstrap.SettingsCatalogue.HASH_MEMORY_BUDGET_MIB;
import static dev.gatehouse.bootstrap.SettingsCatalogue.HOST;
import static dev.gatehouse.bootstrap.SettingsCatalogue.IPV6_PREFIX;
import static dev.gatehouse.bootstrap.SettingsCatalogue.ISSUER;
import static dev.gatehouse.bootstrap.SettingsCatalogue.JWT_ALGORITHM;
import static dev.gatehouse.bootstrap.SettingsCatalogue.JWT_AUDIENCE;
import static dev.gatehouse.bootstrap.SettingsCatalogue.JWT_CLOCK_SKEW;
import static dev.gatehouse.bootstrap.SettingsCatalogue.JWT_ISSUER;
import static dev.gatehouse.bootstrap.SettingsCatalogue.JWT_SECRET;
import static dev.gatehouse.bootstrap.SettingsCatalogue.KEY_ENCRYPTION_KEY;
import static dev.gatehouse.bootstrap.SettingsCatalogue.KEY_PREPUBLICATION;
import static dev.gatehouse.bootstrap.SettingsCatalogue.KEY_ROTATION;
import static dev.gatehouse.bootstrap.SettingsCatalogue.KNOWN_DEVICE_TTL;
import static dev.gatehouse.bootstrap.SettingsCatalogue.LOGIN_BACKOFF_FIRST;
import static dev.gatehouse.bootstrap.SettingsCatalogue.LOGIN_BACKOFF_MAX;
import static dev.gatehouse.bootstrap.SettingsCatalogue.LOGIN_CLIENT_MAX_FAILURES;
import static dev.gatehouse.bootstrap.SettingsCatalogue.LOGIN_CLIENT_WINDOW;
import static dev.gatehouse.bootstrap.SettingsCatalogue.LOGIN_QUIET_PERIOD;
import static dev.gatehouse.bootstrap.SettingsCatalogue.LOG_FORMAT;
import static dev.gatehouse.bootstrap.SettingsCatalogue.NETWORK_BURST;
import static dev.gatehouse.bootstrap.SettingsCatalogue.NETWORK_RATE;
import static dev.gatehouse.bootstrap.SettingsCatalogue.PASSWORD_MIN_LENGTH;
import static dev.gatehouse.bootstrap.SettingsCatalogue.PORT;
import static dev.gatehouse.bootstrap.SettingsCatalogue.PUBLIC_URL;
import static dev.gatehouse.bootstrap.SettingsCatalogue.PRODUCT_NAME;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SMTP_FROM;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SMTP_HOST;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SMTP_PASSWORD;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SMTP_PORT;
import static dev.gatehouse.bootstrap.SettingsCatalogue.EMAIL_VERIFICATION;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SMTP_SECURITY;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SMTP_TIMEOUT;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SMTP_USERNAME;
import static dev.gatehouse.bootstrap.SettingsCatalogue.RATE_LIMIT_KEYS;
import static dev.gatehouse.bootstrap.SettingsCatalogue.READINESS_TIMEOUT;
import static dev.gatehouse.bootstrap.SettingsCatalogue.REDIS_URL;
import static dev.gatehouse.bootstrap.SettingsCatalogue.REFRESH_IDLE_TTL;
import static dev.gatehouse.bootstrap.SettingsCatalogue.REFRESH_REUSE_GRACE;
import static dev.gatehouse.bootstrap.SettingsCatalogue.REFRESH_TTL;
import static dev.gatehouse.bootstrap.SettingsCatalogue.REGISTRATION;
import static dev.gatehouse.bootstrap.SettingsCatalogue.REGISTRATION_BURST;
import static dev.gatehouse.bootstrap.SettingsCatalogue.REGISTRATION_RATE;
import static dev.gatehouse.bootstrap.SettingsCatalogue.REQUEST_BURST;
import static dev.gatehouse.bootstrap.SettingsCatalogue.REQUEST_RATE;
import static dev.gatehouse.bootstrap.SettingsCatalogue.ROLE_SCOPES;
import static dev.gatehouse.bootstrap.SettingsCatalogue.TWO_FACTOR_REQUIRED_ROLES;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SCOPES;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SECURE_COOKIES;
import static dev.gatehouse.bootstrap.SettingsCatalogue.SHUTDOWN_GRACE;
import static dev.gatehouse.bootstrap.SettingsCatalogue.STALE_READS;
import static dev.gatehouse.bootstrap.SettingsCatalogue.TOKEN_TTL;
import static dev.gatehouse.bootstrap.SettingsCatalogue.TRUSTED_PROXIES;
import static dev.gatehouse.bootstrap.SettingsCatalogue.TRUST_FORWARDED_FOR;
import static dev.gatehouse.bootstrap.SettingsCatalogue.USER_CACHE_SIZE;
import static dev.gatehouse.bootstrap.SettingsCatalogue.USER_CACHE_TTL;

import dev.gatehouse.adapter.out.mail.SmtpSecurity;
import dev.gatehouse.adapter.out.mail.SmtpSettings;
import dev.gatehouse.adapter.in.web.ClientAddressing;
import dev.gatehouse.adapter.in.web.DiscoverySettings;
import dev.gatehouse.adapter.in.web.RateLimits;
import dev.gatehouse.adapter.in.web.RequestRate;
import dev.gatehouse.adapter.in.web.WebSettings;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.UserCacheSettings;
import dev.gatehouse.adapter.out.redis.RedisSettings;
import dev.gatehouse.adapter.out.security.Argon2Parameters;
import dev.gatehouse.adapter.out.security.BoundedPasswordHasher;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting Gatehouse reads, parsed and validated once at start, grouped by concern. Each is read through its
 * entry in the {@link SettingsCatalogue} (name, parser, default, description: the README's configuration table is
 * generated from it); the rules that span several settings are checked here. An invalid value stops the start with
 * an {@link InvalidSettingException} that names the setting.
 */
public record GatehouseSettings(
        ServerSettings server,
        DatabaseSettings database,
        UserCacheSettings userCache,
        TokenSettings tokens,
        PasswordSettings passwords,
        LoginProtection loginProtection,
        WebSettings web,
        List<Client> clients,
        Duration auditRetention,
        boolean demo,
        MailSettings mail,
        Optional<RedisSettings> redis) {

    public static final int MINIMUM_SECRET_BYTES = 32;
    /**
     * A secret must use at least this many distinct bytes. The shortest random secret allowed, 32 hex characters
     * (16 random bytes), uses fewer than 10 of the 16 symbols once in 10,000 (the old limit refused such secrets
     * now and then); fewer than 7 once in 5 billion.
     */
    static final int MINIMUM_DISTINCT_SECRET_BYTES = 7;
    /**
     * ...and carry at least this many bits by its byte frequencies: 32 random hex characters carry 115.6 on average
     * with a standard deviation of 4.2, so 80 is 8 deviations below (96 was under 4, refusing 7 in 100,000).
     */
    static final int MINIMUM_SECRET_BITS = 80;
    /** Reads and validates every setting; see the README's configuration table for each name. */
    public static GatehouseSettings from(SettingSource source) {
        return from(source, true);
    }

    /**
     * The same, for a command that signs, verifies and encrypts nothing (managing users): a missing
     * {@code GATEHOUSE_JWT_SECRET} is then no error, and {@code tokens().secret()} is empty without a demo. A secret
     * that is set is still checked.
     */
    public static GatehouseSettings withoutRequiredSecret(SettingSource source) {
        return from(source, false);
    }

    private static GatehouseSettings from(SettingSource source, boolean secretRequired) {
        boolean demo = DEMO.value(source);
        if (demo && DB_URL.isSet(source)) {
            // The demo seeds an administrator with a published password: never into a database others rely on.
            throw new InvalidSettingException("GATEHOUSE_DEMO=true runs only on the embedded database: unset GATEHOUSE_DB_URL "
                    + "for a demo, or unset GATEHOUSE_DEMO to run on that database");
        }
        Argon2Parameters argon2 = argon2(source);
        String host = HOST.value(source);
        int port = PORT.value(source);
        Optional<URI> issuerUrl = issuerUrl(source, demo);
        String issuer = issuerUrl.map(URI::toString).orElseGet(() -> JWT_ISSUER.value(source));
        TokenSigning tokenSigning = tokenSigning(source);
        List<Client> clients = ClientSettings.from(source);
        ScopePolicy scopePolicy = new ScopePolicy(SCOPES.value(source), ROLE_SCOPES.value(source));
        ServerSettings server = new ServerSettings(host, port, adminPort(source, port), READINESS_TIMEOUT.value(source),
                SHUTDOWN_GRACE.value(source), LOG_FORMAT.value(source));
        DatabaseSettings database = database(source);
        UserCacheSettings userCache = userCache(source);
        TokenSettings tokens = new TokenSettings(
                secret(source, demo || !secretRequired),
                issuer,
                JWT_AUDIENCE.value(source),
                clientAudiences(source, clients),
                TOKEN_TTL.value(source),
                JWT_CLOCK_SKEW.value(source),
                tokenSigning,
                refreshPolicy(source),
                scopePolicy,
                secondFactorRequirement(source, scopePolicy, demo));
        PasswordSettings passwords = new PasswordSettings(argon2, hashing(source, argon2), PASSWORD_MIN_LENGTH.value(source));
        LoginProtection loginProtection = loginProtection(source);
        WebSettings web = new WebSettings(
                clientAddressing(source),
                SECURE_COOKIES.value(source),
                KNOWN_DEVICE_TTL.value(source),
                new DiscoverySettings(issuer, PUBLIC_URL.read(source).or(() -> issuerUrl), tokenSigning.keySetMaxAge(),
                        scopePolicy.known().stream().map(Scope::value).toList()),
                !clients.isEmpty(),
                rateLimits(source),
                registrationOpen(source, demo));
        return new GatehouseSettings(server, database, userCache, tokens, passwords, loginProtection, web, clients,
                AUDIT_RETENTION.value(source), demo, mail(source, web.discovery().publicUrl()
                        .orElseGet(() -> URI.create("http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + port))),
                REDIS_URL.read(source));
    }

    /**
     * SMTP when {@code GATEHOUSE_SMTP_HOST} is set (the port defaults by the protection: 587, 465, 25), else mail goes to
     * the log. Links start with the public URL.
     */
    /**
     * The roles whose privileges need a second factor, each one a role the scope policy knows: unless set, the
     * administrators' (ASVS 6.3.3), but not in demo mode, whose administrator is the tutorial's johndoe with a password.
     */
    private static dev.gatehouse.domain.SecondFactorRequirement secondFactorRequirement(SettingSource source, ScopePolicy scopes,
                                                                                      boolean demo) {
        Set<dev.gatehouse.domain.Role> roles = TWO_FACTOR_REQUIRED_ROLES.read(source).orElseGet(() ->
                demo || !scopes.knows(dev.gatehouse.domain.Role.ADMIN) ? Set.of() : Set.of(dev.gatehouse.domain.Role.ADMIN));
        for (dev.gatehouse.domain.Role role : roles) {
            if (!scopes.knows(role)) {
                throw new InvalidSettingException("GATEHOUSE_2FA_REQUIRED_ROLES names the role '" + role
                        + "', which GATEHOUSE_ROLE_SCOPES does not define (known: " + scopes.roles() + ")");
            }
        }
        return new dev.gatehouse.domain.SecondFactorRequirement(roles);
    }

    private static MailSettings mail(SettingSource source, URI linkBase) {
        Optional<SmtpSettings> smtp = SMTP_HOST.read(source).map(smtpHost -> {
            SmtpSecurity security = SMTP_SECURITY.value(source);
            int defaultPort = switch (security) {
                case STARTTLS -> 587;
                case SMTPS -> 465;
                case NONE -> 25;
            };
            Optional<String> username = SMTP_USERNAME.read(source);
            Optional<String> password = SMTP_PASSWORD.read(source);
            if (username.isPresent() != password.isPresent()) {
                throw new InvalidSettingException("GATEHOUSE_SMTP_USERNAME and GATEHOUSE_SMTP_PASSWORD go together: set both or neither");
            }
            return new SmtpSettings(smtpHost, SMTP_PORT.read(source).orElse(defaultPort), username, password, security,
                    SMTP_FROM.read(source).orElse("noreply@" + smtpHost), SMTP_TIMEOUT.value(source));
        });
        return new MailSettings(smtp, PRODUCT_NAME.value(source), linkBase, EMAIL_VERIFICATION.value(source));
    }

    /** The same settings on another database: tests and the acceptance glue point them at their own. */
    public GatehouseSettings withDatabase(DatabaseSettings other) {
        return new GatehouseSettings(server, other, userCache, tokens, passwords, loginProtection, web, clients, auditRetention, demo,
                mail, redis);
    }

    /**
     * RS256 by default (RFC 9068's mandatory algorithm, and the cheapest to verify: every request verifies a token);
     * ES256 and EdDSA sign smaller tokens; HS256 keeps the tutorial-compatible shared-secret tokens. The pre-publication
     * window must leave time for every instance (re-reading every 30 s) and every cache of the key set to learn a new key.
     */
    private static TokenSigning tokenSigning(SettingSource source) {
        var algorithm = JWT_ALGORITHM.value(source);
        Duration rotation = KEY_ROTATION.value(source);
        Duration prePublication = KEY_PREPUBLICATION.value(source);
        if (prePublication.compareTo(rotation) >= 0) {
            throw new InvalidSettingException("GATEHOUSE_KEY_PREPUBLICATION (" + prePublication
                    + ") must be shorter than GATEHOUSE_KEY_ROTATION (" + rotation + ")");
        }
        return new TokenSigning(algorithm, rotation, prePublication, KEY_ENCRYPTION_KEY.value(source));
    }

    /**
     * The issuer identifier (RFC 8414 section 2, RFC 9068's {@code iss}): an https URL without query or fragment, such
     * as https://auth.example.com; plain http only for the demo or a loopback address, where no one else can listen.
     * It also names where clients reach this server when {@code GATEHOUSE_PUBLIC_URL} is unset. Unset: the older
     * {@code GATEHOUSE_JWT_ISSUER} (a plain name, "gatehouse" by default, which RFC 8414 clients do not accept); set, it
     * wins over that one (the packed application.yaml always names one).
     */
    private static Optional<URI> issuerUrl(SettingSource source, boolean demo) {
        Optional<URI> url = ISSUER.read(source);
        if (url.isPresent() && !url.get().getScheme().equalsIgnoreCase("https") && !demo && !isLoopback(url.get().getHost())) {
            throw new InvalidSettingException("GATEHOUSE_ISSUER must be an https URL (RFC 8414); plain http only for "
                    + "GATEHOUSE_DEMO=true or a loopback address, got '" + ISSUER.text(source).orElseThrow() + "'");
        }
        return url;
    }

    /** localhost, 127.0.0.0/8 or ::1, from the text alone (no name is looked up). */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.matches("127(\\.\\d{1,3}){3}") || bare.equals("::1")
                || bare.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * The resource servers each client's tokens are for ({@code GATEHOUSE_CLIENT_AUDIENCES}, such as
     * {@code web-app=https://api.example.com orders;reporting=reports}): added to {@code aud} beside
     * {@code GATEHOUSE_JWT_AUDIENCE}. Only registered clients may be named, each once.
     */
    private static Map<ClientId, List<String>> clientAudiences(SettingSource source, List<Client> clients) {
        Set<ClientId> registered = clients.stream().map(Client::id).collect(Collectors.toSet());
        Map<ClientId, List<String>> byClient = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : CLIENT_AUDIENCES.read(source).orElse(List.of())) {
            Optional<ClientId> client = ClientId.parse(entry.getKey()).filter(registered::contains);
            if (client.isEmpty()) {
                throw new InvalidSettingException("GATEHOUSE_CLIENT_AUDIENCES names '" + entry.getKey()
                        + "', which GATEHOUSE_CLIENTS does not register");
            }
            if (byClient.put(client.get(), entry.getValue()) != null) {
                throw new InvalidSettingException("GATEHOUSE_CLIENT_AUDIENCES names the client '" + client.get() + "' twice");
            }
        }
        return byClient;
    }

    /**
     * A port of their own for {@code /health/*} and {@code /metrics} ({@code GATEHOUSE_ADMIN_PORT}; 0: any free one),
     * so that a firewall can keep them from clients; unset, they are served with the API.
     */
    private static OptionalInt adminPort(SettingSource source, int port) {
        Optional<Integer> adminPort = ADMIN_PORT.read(source);
        if (adminPort.isEmpty()) {
            return OptionalInt.empty();
        }
        if (adminPort.get() != 0 && adminPort.get() == port) {
            throw new InvalidSettingException("GATEHOUSE_ADMIN_PORT must differ from GATEHOUSE_PORT (" + port
                    + "); unset it to serve the operations endpoints on the API's port");
        }
        return OptionalInt.of(adminPort.get());
    }

    /**
     * By default as many hashes run at once as there are cores, and no more than fit a 256 MiB memory budget
     * at the configured argon2 memory cost; eight requests per slot may wait, for at most two seconds. Registrations
     * may hold half the slots (at least one), so logins keep the rest, and never more than there are.
     */
    private static HashingCapacity hashing(SettingSource source, Argon2Parameters argon2) {
        long budgetMib = HASH_MEMORY_BUDGET_MIB.value(source);
        int cores = Runtime.getRuntime().availableProcessors();
        int fitting = BoundedPasswordHasher.concurrencyFor(argon2, budgetMib * 1024 * 1024, cores);
        int concurrent = HASH_MAX_CONCURRENT.read(source).orElse(fitting);
        int waiting = HASH_MAX_WAITING.read(source).orElse(8 * concurrent);
        Duration maxWait = HASH_MAX_WAIT.value(source);
        int registrations = HASH_MAX_CONCURRENT_REGISTRATIONS.parsedBy(SettingParsers.wholeNumber(1, concurrent)).read(source)
                .orElse(Math.max(1, concurrent / 2));
        return new HashingCapacity(concurrent, waiting, maxWait, registrations);
    }

    /**
     * Whose {@code X-Forwarded-For} is believed ({@code GATEHOUSE_TRUSTED_PROXIES}; none by default) and the IPv6 block
     * a client is budgeted as ({@code GATEHOUSE_IPV6_PREFIX}). The former {@code GATEHOUSE_TRUST_FORWARDED_FOR=true}
     * believed every peer; its entry refuses it.
     */
    private static ClientAddressing clientAddressing(SettingSource source) {
        TRUST_FORWARDED_FOR.value(source);
        return new ClientAddressing(TRUSTED_PROXIES.value(source), IPV6_PREFIX.value(source));
    }

    /**
     * {@code GATEHOUSE_REGISTRATION}: {@code open} (the default, the tutorial's contract: anyone may register) or
     * {@code closed} (accounts are made with {@code create-user}). The demo is the tutorial, so it stays open.
     */
    private static boolean registrationOpen(SettingSource source, boolean demo) {
        boolean open = REGISTRATION.value(source);
        if (!open && demo) {
            throw new InvalidSettingException("GATEHOUSE_REGISTRATION=closed cannot be combined with GATEHOUSE_DEMO=true: the demo "
                    + "follows the tutorial, which registers users");
        }
        return open;
    }

    /**
     * The request budgets checked before any use case: per client, per /48 or /24 network, per client for
     * registrations, and per client for introspection; a rate that is {@code off} turns its budget off whatever the burst.
     */
    private static RateLimits rateLimits(SettingSource source) {
        return new RateLimits(
                requestRate(source, REQUEST_RATE, REQUEST_BURST),
                requestRate(source, NETWORK_RATE, NETWORK_BURST),
                requestRate(source, REGISTRATION_RATE, REGISTRATION_BURST),
                requestRate(source, INTROSPECTION_RATE, INTROSPECTION_BURST),
                RATE_LIMIT_KEYS.value(source));
    }

    private static RequestRate requestRate(SettingSource source, Setting<Optional<Duration>> rate, Setting<Integer> burst) {
        return rate.value(source)
                .map(interval -> new RequestRate(burst.value(source), interval))
                .orElse(RequestRate.UNLIMITED);
    }

    /** Sessions: 30 days at most, 7 idle days, and 10 s in which a reused refresh token counts as a race. */
    private static RefreshPolicy refreshPolicy(SettingSource source) {
        Duration lifetime = REFRESH_TTL.value(source);
        Duration idle = REFRESH_IDLE_TTL.value(source);
        Duration grace = REFRESH_REUSE_GRACE.value(source);
        try {
            return new RefreshPolicy(lifetime, idle, grace);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("GATEHOUSE_REFRESH_*: " + invalid.getMessage());
        }
    }

    private static LoginProtection loginProtection(SettingSource source) {
        Duration first = LOGIN_BACKOFF_FIRST.value(source);
        Duration max = LOGIN_BACKOFF_MAX.value(source);
        Duration quiet = LOGIN_QUIET_PERIOD.value(source);
        int clientFailures = LOGIN_CLIENT_MAX_FAILURES.value(source);
        Duration clientWindow = LOGIN_CLIENT_WINDOW.value(source);
        try {
            return new LoginProtection(new AccountBackoff(first, max, quiet), new ClientBudget(clientFailures, clientWindow));
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("GATEHOUSE_LOGIN_*: " + invalid.getMessage());
        }
    }

    /**
     * The token check's user cache; a size of 0 turns it off (every protected request reads the database). How
     * long it may answer from memory while the database is down: {@code GATEHOUSE_STALE_READS}, {@code 0} for not at all.
     */
    private static UserCacheSettings userCache(SettingSource source) {
        int size = USER_CACHE_SIZE.value(source);
        Duration ttl = USER_CACHE_TTL.value(source);
        Duration staleReads = STALE_READS.value(source);
        return size == 0 ? UserCacheSettings.OFF : new UserCacheSettings(ttl, size, staleReads);
    }

    private static DatabaseSettings database(SettingSource source) {
        int poolSize = DB_POOL_SIZE.value(source);
        Optional<String> url = DB_URL.read(source);
        if (url.isEmpty()) {
            return DatabaseSettings.embedded(DATA_DIR.value(source));
        }
        return new DatabaseSettings(url.get(), DB_USER.read(source).orElse(null), DB_PASSWORD.read(source).orElse(null), poolSize);
    }

    /**
     * Without a configured secret only the demo may run, on a random key that dies with the process;
     * anything else would sign tokens with a key nobody chose.
     */
    private static Optional<byte[]> secret(SettingSource source, boolean demo) {
        Optional<byte[]> secret = JWT_SECRET.read(source);
        if (secret.isEmpty() && !demo) {
            throw new InvalidSettingException("GATEHOUSE_JWT_SECRET is not set: set it to at least "
                    + MINIMUM_SECRET_BYTES + " random bytes, e.g. export GATEHOUSE_JWT_SECRET=$(openssl rand -hex 32) "
                    + "(or GATEHOUSE_DEMO=true for a throw-away demo key)");
        }
        return secret;
    }

    /**
     * Refuses a secret long enough but plainly not random (all one character, a short pattern repeated): the
     * length check alone lets "aaaa…" through. Measured by distinct bytes and by the Shannon entropy of the byte
     * frequencies times the length, an upper bound on its real entropy, so a refusal is never a false alarm about
     * a random secret of the documented kind ({@code openssl rand -hex 32}).
     */
    static void requireUnguessable(String name, byte[] secret) {
        int[] counts = new int[256];
        for (byte b : secret) {
            counts[b & 0xFF]++;
        }
        int distinct = 0;
        double bitsPerByte = 0;
        for (int count : counts) {
            if (count > 0) {
                distinct++;
                double p = (double) count / secret.length;
                bitsPerByte -= p * Math.log(p) / Math.log(2);
            }
        }
        long bits = Math.round(bitsPerByte * secret.length);
        if (distinct < MINIMUM_DISTINCT_SECRET_BYTES || bits < MINIMUM_SECRET_BITS) {
            throw new InvalidSettingException(name + " is too easy to guess: it uses " + distinct + " distinct characters"
                    + " (~" + bits + " bits by their frequencies; at least " + MINIMUM_DISTINCT_SECRET_BYTES + " and "
                    + MINIMUM_SECRET_BITS + " bits needed); generate a random one with: openssl rand -hex 32");
        }
    }

    private static Argon2Parameters argon2(SettingSource source) {
        int memory = ARGON2_MEMORY_KIB.value(source);
        int iterations = ARGON2_ITERATIONS.value(source);
        int parallelism = ARGON2_PARALLELISM.value(source);
        try {
            return new Argon2Parameters(memory, iterations, parallelism);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("GATEHOUSE_ARGON2_*: " + invalid.getMessage());
        }
    }

    @Override
    public String toString() {
        return "GatehouseSettings[server=" + server + ", database=" + database + ", userCache=" + userCache
                + ", tokens=" + tokens + ", passwords=" + passwords + ", loginProtection=" + loginProtection + ", web=" + web
                + ", clients=" + clients.stream().map(client -> client.id().value()).toList()
                + ", auditRetention=" + auditRetention + ", demo=" + demo
                + ", redis=" + redis.map(RedisSettings::redactedUrl).orElse("none") + "]";
    }
}
