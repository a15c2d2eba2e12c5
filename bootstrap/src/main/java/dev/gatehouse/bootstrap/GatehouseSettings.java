package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.security.Argon2Parameters;
import dev.gatehouse.adapter.out.security.BoundedPasswordHasher;
import dev.gatehouse.adapter.out.security.CommonPasswordsPolicy;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.SigningKeyEncryption;
import dev.gatehouse.adapter.out.persistence.UserCacheSettings;
import dev.gatehouse.adapter.in.web.ClientAddressing;
import dev.gatehouse.adapter.in.web.DiscoverySettings;
import dev.gatehouse.adapter.out.security.HmacKnownDevices;
import dev.gatehouse.adapter.out.security.JwtSettings;
import dev.gatehouse.adapter.in.web.RateLimits;
import dev.gatehouse.adapter.in.web.RequestRate;
import dev.gatehouse.adapter.in.web.WebSettings;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.Cidr;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.SigningAlgorithm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting Gatehouse reads, parsed and validated once at start. An invalid value stops the start
 * with an {@link InvalidSettingException} that names the setting. The names are a public interface:
 * operators and scripts depend on them.
 */
public record GatehouseSettings(
        String host,
        int port,
        OptionalInt adminPort,
        DatabaseSettings database,
        UserCacheSettings userCache,
        Optional<byte[]> jwtSecret,
        String jwtIssuer,
        String jwtAudience,
        Map<ClientId, List<String>> clientAudiences,
        Duration tokenLifetime,
        Duration jwtClockSkew,
        RefreshPolicy refreshPolicy,
        ScopePolicy scopePolicy,
        TokenSigning tokenSigning,
        Argon2Parameters argon2,
        HashingCapacity hashing,
        LoginProtection loginProtection,
        int passwordMinimumLength,
        WebSettings web,
        List<Client> clients,
        Duration readinessTimeout,
        Duration shutdownGrace,
        Duration auditRetention,
        boolean jsonLogs,
        boolean demo) {

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
    private static final Pattern RATE = Pattern.compile("(\\d{1,6})\\s*/\\s*(s|m|h)");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)?");

    /** Reads and validates every setting; see the README's configuration table for each name. */
    public static GatehouseSettings from(SettingSource source) {
        return from(source, true);
    }

    /**
     * The same, for a command that signs, verifies and encrypts nothing (managing users): a missing
     * {@code GATEHOUSE_JWT_SECRET} is then no error, and {@link #jwtSecret()} is empty without a demo. A secret
     * that is set is still checked.
     */
    public static GatehouseSettings withoutRequiredSecret(SettingSource source) {
        return from(source, false);
    }

    private static GatehouseSettings from(SettingSource source, boolean secretRequired) {
        boolean demo = parseBoolean(source, "GATEHOUSE_DEMO", false);
        if (demo && source.get("GATEHOUSE_DB_URL").isPresent()) {
            // The demo seeds an administrator with a published password: never into a database others rely on.
            throw new InvalidSettingException("GATEHOUSE_DEMO=true runs only on the embedded database: unset GATEHOUSE_DB_URL "
                    + "for a demo, or unset GATEHOUSE_DEMO to run on that database");
        }
        Argon2Parameters argon2 = argon2(source);
        String host = source.get("GATEHOUSE_HOST").orElse("127.0.0.1");
        int port = parseInt(source, "GATEHOUSE_PORT", 8080, 0, 65_535);
        Optional<URI> issuerUrl = issuerUrl(source, demo);
        String issuer = issuerUrl.map(URI::toString).orElseGet(() -> source.get("GATEHOUSE_JWT_ISSUER").orElse("gatehouse"));
        TokenSigning tokenSigning = tokenSigning(source);
        List<Client> clients = ClientSettings.from(source);
        ScopePolicy scopePolicy = scopePolicy(source);
        return new GatehouseSettings(
                host,
                port,
                adminPort(source, port),
                database(source),
                userCache(source),
                secret(source, demo || !secretRequired),
                issuer,
                source.get("GATEHOUSE_JWT_AUDIENCE").orElse("gatehouse"),
                clientAudiences(source, clients),
                parseDuration(source, "GATEHOUSE_TOKEN_TTL", JwtSettings.DEFAULT_LIFETIME, JwtSettings.MAX_LIFETIME),
                parseDuration(source, "GATEHOUSE_JWT_CLOCK_SKEW", JwtSettings.DEFAULT_CLOCK_SKEW, JwtSettings.MAX_CLOCK_SKEW),
                refreshPolicy(source),
                scopePolicy,
                tokenSigning,
                argon2,
                hashing(source, argon2),
                loginProtection(source),
                parseInt(source, "GATEHOUSE_PASSWORD_MIN_LENGTH", CommonPasswordsPolicy.DEFAULT_MINIMUM_LENGTH, 1, 128),
                new WebSettings(
                        clientAddressing(source),
                        parseBoolean(source, "GATEHOUSE_SECURE_COOKIES", true),
                        parseDuration(source, "GATEHOUSE_KNOWN_DEVICE_TTL", HmacKnownDevices.DEFAULT_LIFETIME, Duration.ofDays(400)),
                        new DiscoverySettings(issuer, publicUrl(source).or(() -> issuerUrl), tokenSigning.keySetMaxAge(),
                                scopePolicy.known().stream().map(Scope::value).toList()),
                        !clients.isEmpty(),
                        rateLimits(source),
                        registrationOpen(source, demo)),
                clients,
                parseDuration(source, "GATEHOUSE_READINESS_TIMEOUT", Duration.ofSeconds(2), Duration.ofSeconds(30)),
                parseDuration(source, "GATEHOUSE_SHUTDOWN_GRACE", Duration.ofSeconds(10), Duration.ofMinutes(5)),
                auditRetention(source),
                logFormat(source),
                demo);
    }

    /** The same settings on another database: tests and the acceptance glue point them at their own. */
    public GatehouseSettings withDatabase(DatabaseSettings other) {
        return new GatehouseSettings(host, port, adminPort, other, userCache, jwtSecret, jwtIssuer, jwtAudience, clientAudiences, tokenLifetime, jwtClockSkew,
                refreshPolicy, scopePolicy, tokenSigning, argon2, hashing, loginProtection, passwordMinimumLength, web, clients, readinessTimeout, shutdownGrace,
                auditRetention, jsonLogs, demo);
    }

    /**
     * RS256 by default (RFC 9068's mandatory algorithm, and the cheapest to verify: every request verifies a token);
     * ES256 and EdDSA sign smaller tokens; HS256 keeps the tutorial-compatible shared-secret tokens. The pre-publication window must
     * leave time for every instance (re-reading every 30 s) and every cache of the key set to learn a new key.
     */
    private static TokenSigning tokenSigning(SettingSource source) {
        String name = source.get("GATEHOUSE_JWT_ALGORITHM").orElse(SigningAlgorithm.RS256.joseName());
        Optional<SigningAlgorithm> algorithm = SigningAlgorithm.fromJoseName(name);
        if (algorithm.isEmpty() && !name.equals("HS256")) {
            throw new InvalidSettingException("GATEHOUSE_JWT_ALGORITHM must be ES256, RS256, EdDSA or HS256, got '" + name + "'");
        }
        Duration rotation = parseDuration(source, "GATEHOUSE_KEY_ROTATION", TokenSigning.DEFAULT_ROTATION_PERIOD, Duration.ofDays(365));
        Duration prePublication = parseDuration(source, "GATEHOUSE_KEY_PREPUBLICATION", TokenSigning.DEFAULT_PRE_PUBLICATION,
                Duration.ofDays(30));
        if (prePublication.compareTo(TokenSigning.MIN_PRE_PUBLICATION) < 0) {
            throw new InvalidSettingException("GATEHOUSE_KEY_PREPUBLICATION must be at least " + TokenSigning.MIN_PRE_PUBLICATION
                    + ", so that every instance and every cached key set knows a new key before it signs");
        }
        if (prePublication.compareTo(rotation) >= 0) {
            throw new InvalidSettingException("GATEHOUSE_KEY_PREPUBLICATION (" + prePublication
                    + ") must be shorter than GATEHOUSE_KEY_ROTATION (" + rotation + ")");
        }
        // A keyring "new,old...": the first encrypts, every one decrypts what was stored under it.
        List<byte[]> keyEncryptionKeys = new java.util.ArrayList<>();
        Optional<String> keyring = source.raw("GATEHOUSE_KEY_ENCRYPTION_KEY").filter(value -> !value.isEmpty());
        if (keyring.isPresent()) {
            String[] entries = keyring.get().split(",", -1);
            for (int index = 0; index < entries.length; index++) {
                byte[] key = entries[index].getBytes(StandardCharsets.UTF_8);
                if (key.length < SigningKeyEncryption.MIN_KEY_MATERIAL_BYTES) {
                    throw new InvalidSettingException("GATEHOUSE_KEY_ENCRYPTION_KEY must be a comma-separated list of keys"
                            + " (new,old...) of at least " + SigningKeyEncryption.MIN_KEY_MATERIAL_BYTES + " bytes each; key "
                            + (index + 1) + " has " + key.length + "; generate one with: openssl rand -hex 32");
                }
                requireUnguessable("GATEHOUSE_KEY_ENCRYPTION_KEY (key " + (index + 1) + ")", key);
                keyEncryptionKeys.add(key);
            }
        }
        return new TokenSigning(algorithm, rotation, prePublication, keyEncryptionKeys);
    }

    /**
     * The issuer identifier (RFC 8414 section 2, RFC 9068's {@code iss}): an https URL without query or fragment, such
     * as https://auth.example.com; plain http only for the demo or a loopback address, where no one else can listen.
     * It also names where clients reach this server when {@code GATEHOUSE_PUBLIC_URL} is unset. Unset: the older
     * {@code GATEHOUSE_JWT_ISSUER} (a plain name, "gatehouse" by default, which RFC 8414 clients do not accept); set, it
 * wins over that one (the packed application.yaml always names one).
     */
    private static Optional<URI> issuerUrl(SettingSource source, boolean demo) {
        Optional<String> raw = source.get("GATEHOUSE_ISSUER");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        URI url;
        try {
            url = DiscoverySettings.requireBaseUrl(new URI(raw.get()));
        } catch (java.net.URISyntaxException | IllegalArgumentException invalid) {
            throw new InvalidSettingException("GATEHOUSE_ISSUER must be an https URL without query or fragment, such as "
                    + "https://auth.example.com, got '" + raw.get() + "'");
        }
        if (!url.getScheme().equalsIgnoreCase("https") && !demo && !isLoopback(url.getHost())) {
            throw new InvalidSettingException("GATEHOUSE_ISSUER must be an https URL (RFC 8414); plain http only for "
                    + "GATEHOUSE_DEMO=true or a loopback address, got '" + raw.get() + "'");
        }
        return Optional.of(url);
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
     * {@code GATEHOUSE_JWT_AUDIENCE}. Only registered clients may be named.
     */
    private static Map<ClientId, List<String>> clientAudiences(SettingSource source, List<Client> clients) {
        Optional<String> raw = source.get("GATEHOUSE_CLIENT_AUDIENCES");
        if (raw.isEmpty()) {
            return Map.of();
        }
        Set<ClientId> registered = clients.stream().map(Client::id).collect(java.util.stream.Collectors.toSet());
        Map<ClientId, List<String>> byClient = new LinkedHashMap<>();
        for (String entry : raw.get().split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            List<String> audiences = equals < 0 ? List.of() : List.of(entry.substring(equals + 1).strip().split("\\s+"));
            if (equals < 0 || audiences.stream().anyMatch(String::isEmpty)) {
                throw new InvalidSettingException("GATEHOUSE_CLIENT_AUDIENCES entries must be client=audience audience..., "
                        + "separated by ';' (e.g. web-app=https://api.example.com orders), got '" + entry.strip() + "'");
            }
            Optional<ClientId> client = ClientId.parse(entry.substring(0, equals).strip()).filter(registered::contains);
            if (client.isEmpty()) {
                throw new InvalidSettingException("GATEHOUSE_CLIENT_AUDIENCES names '" + entry.substring(0, equals).strip()
                        + "', which GATEHOUSE_CLIENTS does not register");
            }
            if (byClient.put(client.get(), audiences) != null) {
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
        if (source.get("GATEHOUSE_ADMIN_PORT").isEmpty()) {
            return OptionalInt.empty();
        }
        int adminPort = parseInt(source, "GATEHOUSE_ADMIN_PORT", 0, 0, 65_535);
        if (adminPort != 0 && adminPort == port) {
            throw new InvalidSettingException("GATEHOUSE_ADMIN_PORT must differ from GATEHOUSE_PORT (" + port
                    + "); unset it to serve the operations endpoints on the API's port");
        }
        return OptionalInt.of(adminPort);
    }

    /** Where clients reach this server, e.g. https://auth.example.com; unset: the address a request arrived on. */
    private static Optional<URI> publicUrl(SettingSource source) {
        Optional<String> raw = source.get("GATEHOUSE_PUBLIC_URL");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DiscoverySettings.requireBaseUrl(new URI(raw.get())));
        } catch (java.net.URISyntaxException | IllegalArgumentException invalid) {
            throw new InvalidSettingException("GATEHOUSE_PUBLIC_URL must be an absolute http(s) URL without query, such as "
                    + "https://auth.example.com, got '" + raw.get() + "'");
        }
    }

    /**
     * By default as many hashes run at once as there are cores, and no more than fit a 256 MiB memory budget
     * at the configured argon2 memory cost; eight requests per slot may wait, for at most two seconds. Registrations
     * may hold half the slots (at least one), so logins keep the rest.
     */
    private static HashingCapacity hashing(SettingSource source, Argon2Parameters argon2) {
        long budgetMib = parseInt(source, "GATEHOUSE_HASH_MEMORY_BUDGET_MIB", 256, 1, 65_536);
        int cores = Runtime.getRuntime().availableProcessors();
        int fitting = BoundedPasswordHasher.concurrencyFor(argon2, budgetMib * 1024 * 1024, cores);
        int concurrent = parseInt(source, "GATEHOUSE_HASH_MAX_CONCURRENT", fitting, 1, 1024);
        int waiting = parseInt(source, "GATEHOUSE_HASH_MAX_WAITING", 8 * concurrent, 0, 100_000);
        Duration maxWait = parseDuration(source, "GATEHOUSE_HASH_MAX_WAIT", Duration.ofSeconds(2), Duration.ofMinutes(1));
        int registrations = parseInt(source, "GATEHOUSE_HASH_MAX_CONCURRENT_REGISTRATIONS", Math.max(1, concurrent / 2), 1,
                concurrent);
        return new HashingCapacity(concurrent, waiting, maxWait, registrations);
    }

    private static boolean logFormat(SettingSource source) {
        String format = source.get("GATEHOUSE_LOG_FORMAT").orElse("text");
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new InvalidSettingException("GATEHOUSE_LOG_FORMAT must be text or json, got '" + format + "'");
        };
    }

    /**
     * Whose {@code X-Forwarded-For} is believed ({@code GATEHOUSE_TRUSTED_PROXIES}, CIDR blocks separated by commas or
     * spaces; none by default) and the IPv6 block a client is budgeted as ({@code GATEHOUSE_IPV6_PREFIX}, 64). The
     * former {@code GATEHOUSE_TRUST_FORWARDED_FOR=true} believed every peer; it is refused rather than ignored, so an
     * operator who set it learns that the proxies must now be named.
     */
    private static ClientAddressing clientAddressing(SettingSource source) {
        if (parseBoolean(source, "GATEHOUSE_TRUST_FORWARDED_FOR", false)) {
            throw new InvalidSettingException("GATEHOUSE_TRUST_FORWARDED_FOR is replaced by GATEHOUSE_TRUSTED_PROXIES: name the "
                    + "addresses of your reverse proxies as CIDR blocks (such as 10.0.0.0/8), and X-Forwarded-For is read "
                    + "only from them");
        }
        List<Cidr> proxies = new ArrayList<>();
        for (String block : source.get("GATEHOUSE_TRUSTED_PROXIES").orElse("").split("[,\\s]+")) {
            if (block.isEmpty()) {
                continue;
            }
            try {
                proxies.add(Cidr.parse(block));
            } catch (IllegalArgumentException invalid) {
                throw new InvalidSettingException("GATEHOUSE_TRUSTED_PROXIES must list CIDR blocks such as 10.0.0.0/8 or "
                        + "2001:db8::/32: " + invalid.getMessage());
            }
        }
        return new ClientAddressing(proxies,
                parseInt(source, "GATEHOUSE_IPV6_PREFIX", ClientAddressing.DEFAULT_IPV6_PREFIX_LENGTH, 32, 128));
    }

    /** How long audit events are kept: 90 days by default, at least one (an investigation needs the recent trail). */
    private static Duration auditRetention(SettingSource source) {
        Duration retention = parseDuration(source, "GATEHOUSE_AUDIT_RETENTION", Duration.ofDays(90), Duration.ofDays(36_500));
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new InvalidSettingException("GATEHOUSE_AUDIT_RETENTION must be at least 1d, got " + retention);
        }
        return retention;
    }

    /**
     * {@code GATEHOUSE_REGISTRATION}: {@code open} (the default, the tutorial's contract: anyone may register) or
     * {@code closed} (accounts are made with {@code create-user}). The demo is the tutorial, so it stays open.
     */
    private static boolean registrationOpen(SettingSource source, boolean demo) {
        String value = source.get("GATEHOUSE_REGISTRATION").orElse("open");
        boolean open = switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "open" -> true;
            case "closed" -> false;
            default -> throw new InvalidSettingException("GATEHOUSE_REGISTRATION must be open or closed, got '" + value + "'");
        };
        if (!open && demo) {
            throw new InvalidSettingException("GATEHOUSE_REGISTRATION=closed cannot be combined with GATEHOUSE_DEMO=true: the demo "
                    + "follows the tutorial, which registers users");
        }
        return open;
    }

    /**
     * The request budgets checked before any use case ({@code GATEHOUSE_REQUEST_RATE}/{@code _BURST} per client,
     * {@code GATEHOUSE_NETWORK_RATE}/{@code _BURST} per /48 or /24, {@code GATEHOUSE_REGISTRATION_RATE}/{@code _BURST}
     * per client for registrations); a rate is {@code N/s}, {@code N/m} or {@code N/h}, or {@code off}.
     */
    private static RateLimits rateLimits(SettingSource source) {
        RateLimits defaults = RateLimits.DEFAULT;
        return new RateLimits(
                requestRate(source, "GATEHOUSE_REQUEST", defaults.perClient()),
                requestRate(source, "GATEHOUSE_NETWORK", defaults.perNetwork()),
                requestRate(source, "GATEHOUSE_REGISTRATION", defaults.registrations()),
                parseInt(source, "GATEHOUSE_RATE_LIMIT_KEYS", defaults.maxKeys(), 1_000, 10_000_000));
    }

    private static RequestRate requestRate(SettingSource source, String prefix, RequestRate defaults) {
        String name = prefix + "_RATE";
        Optional<String> raw = source.get(name);
        if (raw.isPresent() && raw.get().equalsIgnoreCase("off")) {
            return RequestRate.UNLIMITED;
        }
        int burst = parseInt(source, prefix + "_BURST", defaults.burst(), 1, 1_000_000);
        if (raw.isEmpty()) {
            return new RequestRate(burst, defaults.interval());
        }
        Matcher rate = RATE.matcher(raw.get());
        if (!rate.matches() || Integer.parseInt(rate.group(1)) < 1) {
            throw new InvalidSettingException(name + " must be a number of requests per second, minute or hour such as 2/s or "
                    + "10/m, or off, got '" + raw.get() + "'");
        }
        Duration per = switch (rate.group(2)) {
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofSeconds(1);
        };
        return RequestRate.of(burst, Integer.parseInt(rate.group(1)), per);
    }

    /** Sessions: 30 days at most, 7 idle days, and 10 s in which a reused refresh token counts as a race. */
    private static RefreshPolicy refreshPolicy(SettingSource source) {
        RefreshPolicy defaults = RefreshPolicy.DEFAULT;
        Duration lifetime = parseDuration(source, "GATEHOUSE_REFRESH_TTL", defaults.absoluteLifetime(), Duration.ofDays(365));
        Duration idle = parseDuration(source, "GATEHOUSE_REFRESH_IDLE_TTL", defaults.idleTimeout(), Duration.ofDays(365));
        Duration grace = parseDuration(source, "GATEHOUSE_REFRESH_REUSE_GRACE", defaults.reuseGrace(), Duration.ofMinutes(1));
        try {
            return new RefreshPolicy(lifetime, idle, grace);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("GATEHOUSE_REFRESH_*: " + invalid.getMessage());
        }
    }

    /**
     * The scopes every user may be granted ({@code GATEHOUSE_SCOPES}, space-separated; the FastAPI tutorial's
     * {@code me items} by default) and those each role adds ({@code GATEHOUSE_ROLE_SCOPES}, such as
     * {@code admin=admin users:read;support=users:read}; {@code admin=admin} by default). Only roles named there
     * can be assigned.
     */
    private static ScopePolicy scopePolicy(SettingSource source) {
        Set<Scope> everyone = source.get("GATEHOUSE_SCOPES").map(value -> scopes("GATEHOUSE_SCOPES", value))
                .orElse(ScopePolicy.DEFAULT.everyone());
        Optional<String> roleScopes = source.get("GATEHOUSE_ROLE_SCOPES");
        if (roleScopes.isEmpty()) {
            return new ScopePolicy(everyone, ScopePolicy.DEFAULT.byRole());
        }
        Map<Role, Set<Scope>> byRole = new LinkedHashMap<>();
        for (String entry : roleScopes.get().split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new InvalidSettingException("GATEHOUSE_ROLE_SCOPES entries must be role=scope scope..., separated by ';'"
                        + " (e.g. admin=admin;support=users:read), got '" + entry.strip() + "'");
            }
            Role role;
            try {
                role = new Role(entry.substring(0, equals).strip());
            } catch (IllegalArgumentException invalid) {
                throw new InvalidSettingException("GATEHOUSE_ROLE_SCOPES: " + invalid.getMessage() + ", got '"
                        + entry.substring(0, equals).strip() + "'");
            }
            if (byRole.put(role, scopes("GATEHOUSE_ROLE_SCOPES", entry.substring(equals + 1))) != null) {
                throw new InvalidSettingException("GATEHOUSE_ROLE_SCOPES names the role '" + role + "' twice");
            }
        }
        return new ScopePolicy(everyone, byRole);
    }

    private static Set<Scope> scopes(String name, String value) {
        try {
            return Scope.parseList(value);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException(name + ": " + invalid.getMessage());
        }
    }

    private static LoginProtection loginProtection(SettingSource source) {
        AccountBackoff defaults = AccountBackoff.DEFAULT;
        Duration first = parseDuration(source, "GATEHOUSE_LOGIN_BACKOFF_FIRST", defaults.firstDelay(), Duration.ofHours(1));
        Duration max = parseDuration(source, "GATEHOUSE_LOGIN_BACKOFF_MAX", defaults.maxDelay(), Duration.ofDays(1));
        Duration quiet = parseDuration(source, "GATEHOUSE_LOGIN_QUIET_PERIOD", defaults.quietPeriod(), Duration.ofDays(30));
        int clientFailures = parseInt(source, "GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES", ClientBudget.DEFAULT.maxFailures(), 1, 1_000_000);
        Duration clientWindow = parseDuration(source, "GATEHOUSE_LOGIN_CLIENT_WINDOW", ClientBudget.DEFAULT.window(), Duration.ofDays(1));
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
        int size = parseInt(source, "GATEHOUSE_USER_CACHE_SIZE", UserCacheSettings.DEFAULT.maximumEntries(), 0, 1_000_000);
        Duration ttl = parseDuration(source, "GATEHOUSE_USER_CACHE_TTL", UserCacheSettings.DEFAULT.timeToLive(), Duration.ofMinutes(10));
        Duration staleReads = source.get("GATEHOUSE_STALE_READS").map(String::strip).filter("0"::equals).isPresent()
                ? Duration.ZERO
                : parseDuration(source, "GATEHOUSE_STALE_READS", UserCacheSettings.DEFAULT_STALE_READS, UserCacheSettings.MAX_STALE_READS);
        return size == 0 ? UserCacheSettings.OFF : new UserCacheSettings(ttl, size, staleReads);
    }

    private static DatabaseSettings database(SettingSource source) {
        int poolSize = parseInt(source, "GATEHOUSE_DB_POOL_SIZE", 10, DatabaseSettings.MIN_POOL_SIZE, 100);
        Optional<String> url = source.get("GATEHOUSE_DB_URL");
        if (url.isEmpty()) {
            Path dataDirectory = Path.of(source.get("GATEHOUSE_DATA_DIR").orElse("data"));
            return DatabaseSettings.embedded(dataDirectory);
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw new InvalidSettingException("GATEHOUSE_DB_URL must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://localhost:5432/gatehouse (unset it to use the embedded database)");
        }
        return new DatabaseSettings(url.get(), source.get("GATEHOUSE_DB_USER").orElse(null),
                source.raw("GATEHOUSE_DB_PASSWORD").orElse(null), poolSize);
    }

    /**
     * Without a configured secret only the demo may run, on a random key that dies with the process;
     * anything else would sign tokens with a key nobody chose.
     */
    private static Optional<byte[]> secret(SettingSource source, boolean demo) {
        Optional<String> secret = source.raw("GATEHOUSE_JWT_SECRET").filter(value -> !value.isEmpty());
        if (secret.isEmpty()) {
            if (demo) {
                return Optional.empty();
            }
            throw new InvalidSettingException("GATEHOUSE_JWT_SECRET is not set: set it to at least "
                    + MINIMUM_SECRET_BYTES + " random bytes, e.g. export GATEHOUSE_JWT_SECRET=$(openssl rand -hex 32) "
                    + "(or GATEHOUSE_DEMO=true for a throw-away demo key)");
        }
        byte[] bytes = secret.get().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MINIMUM_SECRET_BYTES) {
            throw new InvalidSettingException("GATEHOUSE_JWT_SECRET must be at least " + MINIMUM_SECRET_BYTES
                    + " bytes (256 bits), got " + bytes.length + "; generate one with: openssl rand -hex 32");
        }
        requireUnguessable("GATEHOUSE_JWT_SECRET", bytes);
        return Optional.of(bytes);
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
        Argon2Parameters owasp = Argon2Parameters.OWASP;
        int memory = parseInt(source, "GATEHOUSE_ARGON2_MEMORY_KIB", owasp.memoryKiB(), 8, 4_194_304);
        int iterations = parseInt(source, "GATEHOUSE_ARGON2_ITERATIONS", owasp.iterations(), 1, 100);
        int parallelism = parseInt(source, "GATEHOUSE_ARGON2_PARALLELISM", owasp.parallelism(), 1, 64);
        try {
            return new Argon2Parameters(memory, iterations, parallelism);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("GATEHOUSE_ARGON2_*: " + invalid.getMessage());
        }
    }

    static int parseInt(SettingSource source, String name, int defaultValue, int min, int max) {
        Optional<String> raw = source.get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the allowed range
        }
        throw new InvalidSettingException(name + " must be a whole number from " + min + " to " + max
                + ", got '" + raw.get() + "'");
    }

    static boolean parseBoolean(SettingSource source, String name, boolean defaultValue) {
        Optional<String> raw = source.get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new InvalidSettingException(name + " must be true or false, got '" + raw.get() + "'");
        };
    }

    /** Seconds ("900"), a number with s/m/h/d ("15m"), or ISO-8601 ("PT15M"). */
    static Duration parseDuration(SettingSource source, String name, Duration defaultValue, Duration max) {
        Optional<String> raw = source.get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Duration value = null;
        Matcher shortForm = SHORT_DURATION.matcher(raw.get());
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            String unit = shortForm.group(2) == null ? "s" : shortForm.group(2);
            value = switch (unit) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                value = Duration.parse(raw.get());
            } catch (DateTimeParseException notIso) {
                // reported below
            }
        }
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new InvalidSettingException(name + " must be a duration above zero and at most " + max
                    + " (e.g. 900, 15m, 1h or PT15M), got '" + raw.get() + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "GatehouseSettings[host=" + host + ", port=" + port + ", adminPort=" + adminPort + ", database=" + database + ", userCache=" + userCache
                + ", jwtSecret=" + (jwtSecret.isPresent() ? "configured" : "random (demo)")
                + ", tokenLifetime=" + tokenLifetime + ", refreshPolicy=" + refreshPolicy + ", scopePolicy=" + scopePolicy + ", tokenSigning=" + tokenSigning + ", argon2=" + argon2 + ", hashing=" + hashing
                + ", loginProtection=" + loginProtection + ", web=" + web
                + ", clients=" + clients.stream().map(client -> client.id().value()).toList() + ", demo=" + demo + "]";
    }
}
