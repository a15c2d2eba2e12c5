package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.mail.SmtpSecurity;
import dev.gatehouse.adapter.out.mail.SmtpSettings;
import static dev.gatehouse.bootstrap.SettingParsers.duration;
import static dev.gatehouse.bootstrap.SettingParsers.durationOrZero;
import static dev.gatehouse.bootstrap.SettingParsers.either;
import static dev.gatehouse.bootstrap.SettingParsers.rate;
import static dev.gatehouse.bootstrap.SettingParsers.text;
import static dev.gatehouse.bootstrap.SettingParsers.trueOrFalse;
import static dev.gatehouse.bootstrap.SettingParsers.wholeNumber;

import dev.gatehouse.adapter.in.web.ClientAddressing;
import dev.gatehouse.adapter.in.web.DiscoverySettings;
import dev.gatehouse.adapter.in.web.RateLimits;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.SigningKeyEncryption;
import dev.gatehouse.adapter.out.persistence.UserCacheSettings;
import dev.gatehouse.adapter.out.redis.RedisSettings;
import dev.gatehouse.adapter.out.security.Argon2Parameters;
import dev.gatehouse.adapter.out.security.CommonPasswordsPolicy;
import dev.gatehouse.adapter.out.security.HmacKnownDevices;
import dev.gatehouse.adapter.out.security.JwtSettings;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.Cidr;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.SigningAlgorithm;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting Gatehouse reads, one entry each: name, parser (with its checks), default and description, in the
 * groups and order of the README's configuration table, which a test generates from this list and keeps identical.
 * The names are a public interface: operators and scripts depend on them. {@link GatehouseSettings} reads the
 * environment only through these entries and checks the rules that span several of them.
 */
final class SettingsCatalogue {

    /** Settings that belong together, under one heading of the README's table. */
    record Group(String title, List<Setting<?>> settings) {

        Group {
            settings = List.copyOf(settings);
        }
    }

    // Server and operations

    static final Setting<String> HOST = Setting.named("GATEHOUSE_HOST", text())
            .defaultsTo("127.0.0.1", "127.0.0.1")
            .means("interface to listen on (containers: `0.0.0.0`)");
    static final Setting<Integer> PORT = Setting.named("GATEHOUSE_PORT", wholeNumber(0, 65_535))
            .defaultsTo(8080, "8080")
            .means("HTTP port (`0` picks a free one)");
    static final Setting<Integer> ADMIN_PORT = Setting.named("GATEHOUSE_ADMIN_PORT", wholeNumber(0, 65_535))
            .means("a port of their own, on the same interface, for `/health/*` and `/metrics` (then `404` on `GATEHOUSE_PORT`), "
                    + "so a firewall can keep them from clients; unset, they share the API's port "
                    + "([deploy guide](docs/deploy.md#operations-endpoints-on-their-own-port)). Must differ from `GATEHOUSE_PORT`");
    static final Setting<Duration> READINESS_TIMEOUT = Setting.named("GATEHOUSE_READINESS_TIMEOUT", duration(Duration.ofSeconds(30)))
            .defaultsTo(Duration.ofSeconds(2), "2s")
            .means("how long `/health/ready` waits for the database before answering `503` (at most `30s`)");
    static final Setting<Duration> SHUTDOWN_GRACE = Setting.named("GATEHOUSE_SHUTDOWN_GRACE", duration(Duration.ofMinutes(5)))
            .defaultsTo(Duration.ofSeconds(10), "10s")
            .means("on SIGTERM/Ctrl-C, how long requests in flight may take to finish before the pool closes (at most `5m`)");
    static final Setting<Boolean> LOG_FORMAT = Setting.named("GATEHOUSE_LOG_FORMAT", either("json", "text"))
            .defaultsTo(false, "text")
            .means("`json` for one JSON object per log line");
    static final Setting<Boolean> DEMO = Setting.named("GATEHOUSE_DEMO", trueOrFalse())
            .defaultsTo(false, "false")
            .means("seed the tutorial's demo users; allows running without a secret. Only on the embedded database (refused "
                    + "with `GATEHOUSE_DB_URL`); a run without it refuses a database where a demo user can still log in with its "
                    + "published password (`gatehouse disable johndoe` first)");

    // Database

    static final Setting<String> DB_URL = Setting.named("GATEHOUSE_DB_URL", (name, url) -> {
        if (!url.startsWith("jdbc:postgresql:")) {
            // Not quoted back: the URL may hold a password.
            throw new InvalidSettingException(name + " must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://localhost:5432/gatehouse (unset it to use the embedded database)");
        }
        return url;
    }).means("PostgreSQL JDBC URL, e.g. `jdbc:postgresql://localhost:5432/gatehouse`; unset: embedded database");
    static final Setting<String> DB_USER = Setting.named("GATEHOUSE_DB_USER", text())
            .means("PostgreSQL user");
    static final Setting<String> DB_PASSWORD = Setting.named("GATEHOUSE_DB_PASSWORD", text()).asGiven()
            .means("PostgreSQL password");
    static final Setting<Integer> DB_POOL_SIZE = Setting.named("GATEHOUSE_DB_POOL_SIZE",
                    wholeNumber(DatabaseSettings.MIN_POOL_SIZE, 100))
            .defaultsTo(10, "10")
            .means("connection pool size (at least 2: Flyway locks on a second connection; at most 100)");
    static final Setting<Path> DATA_DIR = Setting.named("GATEHOUSE_DATA_DIR", (name, directory) -> Path.of(directory))
            .defaultsTo(Path.of("data"), "data")
            .means("where the embedded database lives");
    static final Setting<Integer> USER_CACHE_SIZE = Setting.named("GATEHOUSE_USER_CACHE_SIZE", wholeNumber(0, 1_000_000))
            .defaultsTo(UserCacheSettings.DEFAULT.maximumEntries(), "100000")
            .means("users the token check keeps in memory, about 430 bytes of heap each (`bench/memory`; the default "
                    + "fits 100,000 active users in 41 MiB); beyond it the least useful are evicted ("
                    + "`gatehouse_user_cache_hit_ratio` and its sibling gauges on `/metrics` show how well it fits); "
                    + "`0` turns the cache off. On PostgreSQL every instance hears each "
                    + "change to a user (LISTEN/NOTIFY) and forgets that user at once; while it cannot hear, it reads the database");
    static final Setting<Duration> USER_CACHE_TTL = Setting.named("GATEHOUSE_USER_CACHE_TTL", duration(Duration.ofMinutes(10)))
            .defaultsTo(UserCacheSettings.DEFAULT.timeToLive(), "5m")
            .means("longest an entry lives even without a change, a backstop for an announcement that got lost (every "
                    + "write announces itself, and a cache that cannot hear is emptied); each active user is read again "
                    + "once per this time, so a shorter one costs the database reads (at most 10m)");
    static final Setting<Duration> STALE_READS = Setting.named("GATEHOUSE_STALE_READS",
                    durationOrZero(UserCacheSettings.MAX_STALE_READS))
            .defaultsTo(UserCacheSettings.DEFAULT_STALE_READS, "60s")
            .means("while the database is down, how long after a user was last read the token check (`/users/me`, every "
                    + "bearer request) may still answer from memory; `0` for not at all, at most 10m. See \"When the database is down\"");
    static final Setting<Duration> AUDIT_RETENTION = Setting.named("GATEHOUSE_AUDIT_RETENTION", (name, text) -> {
        Duration retention = duration(Duration.ofDays(36_500)).parse(name, text);
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new InvalidSettingException(name + " must be at least 1d, got " + retention);
        }
        return retention;
    }).defaultsTo(Duration.ofDays(90), "90d")
            .means("audit events older than this are deleted by the housekeeping (every 10 minutes); at least `1d`");

    static final Setting<RedisSettings> REDIS_URL = Setting.named("GATEHOUSE_REDIS_URL", (name, url) -> {
        try {
            return RedisSettings.parse(url);
        } catch (IllegalArgumentException invalid) {
            // Not quoted back: the URL may hold a password.
            throw new InvalidSettingException(name + " must be a Redis URL such as redis://localhost:6379/0 (" + invalid.getMessage() + ")");
        }
    }).asGiven().means("Redis URL (`redis://[user:password@]host:port/db`, `rediss://` for TLS); set, the login throttle and the revoked "
            + "access tokens live there instead of the database: the hot, short-lived state many instances share "
            + "([scaling](docs/scaling.md)). Redis down: logins answer `503`, the token check answers from memory for "
            + "`GATEHOUSE_STALE_READS`, then `503`");

    // Tokens and signing keys

    static final Setting<byte[]> JWT_SECRET = Setting.named("GATEHOUSE_JWT_SECRET", (name, secret) -> {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < GatehouseSettings.MINIMUM_SECRET_BYTES) {
            throw new InvalidSettingException(name + " must be at least " + GatehouseSettings.MINIMUM_SECRET_BYTES
                    + " bytes (256 bits), got " + bytes.length + "; generate one with: openssl rand -hex 32");
        }
        GatehouseSettings.requireUnguessable(name, bytes);
        return bytes;
    }).asGiven()
            .means("at least 32 bytes (`openssl rand -hex 32`), and random-looking: a secret of fewer than 7 distinct characters "
                    + "or under ~80 bits by character frequency (`aaaa…`, `secretsecret…`) is refused at start; required unless "
                    + "`GATEHOUSE_DEMO=true` (the commands that manage users need none). Never used as a key itself: HKDF-SHA256 derives "
                    + "one key per purpose from it (the HS256 signing key in HS256 mode, the known-device credential key, and the "
                    + "key-encryption key when `GATEHOUSE_KEY_ENCRYPTION_KEY` is unset), so a MAC made for one purpose is "
                    + "worthless for another");
    static final Setting<Optional<SigningAlgorithm>> JWT_ALGORITHM = Setting.named("GATEHOUSE_JWT_ALGORITHM",
            (name, algorithm) -> {
                Optional<SigningAlgorithm> keys = SigningAlgorithm.fromJoseName(algorithm);
                if (keys.isEmpty() && !algorithm.equals("HS256")) {
                    throw new InvalidSettingException(name + " must be ES256, RS256, EdDSA or HS256, got '" + algorithm + "'");
                }
                return keys;
            }).defaultsTo(Optional.of(SigningAlgorithm.RS256), "RS256")
            .means("`RS256` (RSA 2048; the cheapest to verify, ~30 µs against ~390 µs for ES256 on the JDK), `ES256` or `EdDSA` "
                    + "(Ed25519): keys stored in the database, rotated, published at `/.well-known/jwks.json`; `HS256`: the "
                    + "tutorial-compatible shared-secret tokens, nothing published. Switching invalidates the tokens of the other "
                    + "mode (they last 15 minutes)");
    static final Setting<Duration> KEY_ROTATION = Setting.named("GATEHOUSE_KEY_ROTATION", duration(Duration.ofDays(365)))
            .defaultsTo(TokenSigning.DEFAULT_ROTATION_PERIOD, "30d")
            .means("how long a key signs before its successor takes over (at most 365 days)");
    static final Setting<Duration> KEY_PREPUBLICATION = Setting.named("GATEHOUSE_KEY_PREPUBLICATION", (name, text) -> {
        Duration prePublication = duration(Duration.ofDays(30)).parse(name, text);
        if (prePublication.compareTo(TokenSigning.MIN_PRE_PUBLICATION) < 0) {
            throw new InvalidSettingException(name + " must be at least " + TokenSigning.MIN_PRE_PUBLICATION
                    + ", so that every instance and every cached key set knows a new key before it signs");
        }
        return prePublication;
    }).defaultsTo(TokenSigning.DEFAULT_PRE_PUBLICATION, "1h")
            .means("how long a new key is published before it signs (at least `2m`, shorter than the rotation, at most 30 days); "
                    + "the key set may be cached for a quarter of it, at most 15 minutes");
    /** A keyring "new,old...": the first encrypts, every one decrypts what was stored under it. */
    static final Setting<List<byte[]>> KEY_ENCRYPTION_KEY = Setting.named("GATEHOUSE_KEY_ENCRYPTION_KEY", (name, keyring) -> {
        List<byte[]> keys = new ArrayList<>();
        String[] entries = keyring.split(",", -1);
        for (int index = 0; index < entries.length; index++) {
            byte[] key = entries[index].getBytes(StandardCharsets.UTF_8);
            if (key.length < SigningKeyEncryption.MIN_KEY_MATERIAL_BYTES) {
                throw new InvalidSettingException(name + " must be a comma-separated list of keys"
                        + " (new,old...) of at least " + SigningKeyEncryption.MIN_KEY_MATERIAL_BYTES + " bytes each; key "
                        + (index + 1) + " has " + key.length + "; generate one with: openssl rand -hex 32");
            }
            GatehouseSettings.requireUnguessable(name + " (key " + (index + 1) + ")", key);
            keys.add(key);
        }
        return keys;
    }).asGiven().defaultsTo(List.of()).shownAs("derived")
            .means("a keyring `new,old…` (comma-separated, each at least 32 bytes and random-looking as the JWT secret, no commas "
                    + "inside); private signing keys are stored encrypted with AES-256-GCM under a key derived from the first "
                    + "(HKDF-SHA256), any key of the ring decrypts what was stored under it, and a key read under an older one is "
                    + "re-encrypted under the first (once per instance). Unset: derived from `GATEHOUSE_JWT_SECRET` (to move off it, "
                    + "put the secret second: `new,<secret>`). To change it, give every instance `new,old`, then later drop `old`. "
                    + "An instance meanwhile still on `old` keeps the keys it has read, signs on with them, and creates one key it "
                    + "can read when a newer one is unreadable to it (`KeyEncryptionKeyringIT`: 0 × 503, keys do not multiply)");
    static final Setting<URI> PUBLIC_URL = Setting.named("GATEHOUSE_PUBLIC_URL", (name, url) -> {
        try {
            return DiscoverySettings.requireBaseUrl(new URI(url));
        } catch (URISyntaxException | IllegalArgumentException invalid) {
            throw new InvalidSettingException(name + " must be an absolute http(s) URL without query, such as "
                    + "https://auth.example.com, got '" + url + "'");
        }
    }).shownAs("`http://<address>:<port>`")
            .means("where clients reach Gatehouse (e.g. `https://auth.example.com`), for the absolute URLs of the metadata; "
                    + "unset, `GATEHOUSE_ISSUER` when that is set, else the address a request arrived on");
    /** Whether plain http is allowed depends on other settings: {@link GatehouseSettings} checks that. */
    static final Setting<URI> ISSUER = Setting.named("GATEHOUSE_ISSUER", (name, url) -> {
        try {
            return DiscoverySettings.requireBaseUrl(new URI(url));
        } catch (URISyntaxException | IllegalArgumentException invalid) {
            throw new InvalidSettingException(name + " must be an https URL without query or fragment, such as "
                    + "https://auth.example.com, got '" + url + "'");
        }
    }).means("the issuer identifier (RFC 8414, RFC 9068 `iss`), e.g. `https://auth.example.com`: the `iss` of tokens and the "
            + "metadata's `issuer`, and the public URL when `GATEHOUSE_PUBLIC_URL` is unset. Must be `https` (plain `http` only "
            + "with `GATEHOUSE_DEMO=true` or a loopback host), without query or fragment");
    static final Setting<String> JWT_ISSUER = Setting.named("GATEHOUSE_JWT_ISSUER", text())
            .defaultsTo("gatehouse", "gatehouse")
            .means("the `iss` of issued tokens when `GATEHOUSE_ISSUER` is unset (which wins; a plain name that RFC 8414 clients "
                    + "refuse, so prefer `GATEHOUSE_ISSUER`), required on verification");
    static final Setting<String> JWT_AUDIENCE = Setting.named("GATEHOUSE_JWT_AUDIENCE", text())
            .defaultsTo("gatehouse", "gatehouse")
            .means("the `aud` of issued tokens, required on verification");
    static final Setting<Duration> TOKEN_TTL = Setting.named("GATEHOUSE_TOKEN_TTL", duration(JwtSettings.MAX_LIFETIME))
            .defaultsTo(JwtSettings.DEFAULT_LIFETIME, "15m")
            .means("access-token lifetime, at most a day");
    static final Setting<Duration> JWT_CLOCK_SKEW = Setting.named("GATEHOUSE_JWT_CLOCK_SKEW", duration(JwtSettings.MAX_CLOCK_SKEW))
            .defaultsTo(JwtSettings.DEFAULT_CLOCK_SKEW, "30s")
            .means("tolerance for `exp`, `nbf` and `iat` between machines, at most `60s`");

    // Sessions and scopes

    static final Setting<Duration> REFRESH_TTL = Setting.named("GATEHOUSE_REFRESH_TTL", duration(Duration.ofDays(365)))
            .defaultsTo(RefreshPolicy.DEFAULT.absoluteLifetime(), "30d")
            .means("a session's absolute lifetime, however often it is refreshed");
    static final Setting<Duration> REFRESH_IDLE_TTL = Setting.named("GATEHOUSE_REFRESH_IDLE_TTL", duration(Duration.ofDays(365)))
            .defaultsTo(RefreshPolicy.DEFAULT.idleTimeout(), "7d")
            .means("a session ends after this long without a refresh");
    static final Setting<Duration> REFRESH_REUSE_GRACE = Setting.named("GATEHOUSE_REFRESH_REUSE_GRACE", duration(Duration.ofMinutes(1)))
            .defaultsTo(RefreshPolicy.DEFAULT.reuseGrace(), "10s")
            .means("an already used refresh token presented within this time after its exchange is refused without ending the "
                    + "session (two tabs refreshing at once); later it counts as stolen and ends the session (at most 1m)");
    static final Setting<Set<Scope>> SCOPES = Setting.named("GATEHOUSE_SCOPES", SettingsCatalogue::scopes)
            .defaultsTo(ScopePolicy.DEFAULT.everyone(), "me items")
            .means("the scopes every user may be granted (space-separated)");
    static final Setting<Map<Role, Set<Scope>>> ROLE_SCOPES = Setting.named("GATEHOUSE_ROLE_SCOPES", SettingsCatalogue::roleScopes)
            .defaultsTo(ScopePolicy.DEFAULT.byRole(), "admin=admin")
            .means("the scopes each role adds, `role=scope scope…` separated by `;` (e.g. `admin=admin users:read;support=users:read`); "
                    + "only roles named here can be assigned");
    static final Setting<Set<Role>> TWO_FACTOR_REQUIRED_ROLES = Setting.named("GATEHOUSE_2FA_REQUIRED_ROLES",
                    SettingsCatalogue::rolesOrNone)
            .shownAs("`admin` (none in demo mode, or when `GATEHOUSE_ROLE_SCOPES` has no `admin`)")
            .means("roles whose privileges need a second factor, comma-separated, or `none`: an account holding one without "
                    + "two-factor sign-in gets no token with the scopes only that role grants, by any grant (403 "
                    + "`mfa_enrollment_required` at `/token`, a message on the sign-in page), but still an ordinary token to "
                    + "enrol at `/users/me/two-factor`; each must be a role of `GATEHOUSE_ROLE_SCOPES`");

    // Client applications

    /** Parsed by {@link ClientSettings}, which also reads each confidential client's secret. */
    static final Setting<String> CLIENTS = Setting.named("GATEHOUSE_CLIENTS", text())
            .means("the client applications allowed at `/token` and `/revoke`, comma-separated "
                    + "`id:public\\|confidential[:first-party\\|third-party]` (third-party when left out), ids of `A-Z a-z 0-9 . _ ~ -`, "
                    + "e.g. `web-app:public:first-party,reporting:confidential`. Unset: clients are not authenticated and "
                    + "`client_id`/`client_secret` are ignored (the tutorial's behaviour). Set: every request needs a registered "
                    + "client, only first-party clients may use the password grant, and a refresh token works only for its client");
    static final Setting<String> CLIENT_SECRET = Setting.named("GATEHOUSE_CLIENT_SECRET_" + Setting.PLACEHOLDER, text()).asGiven()
            .means("a confidential client's secret, `<ID>` being its id upper-cased with `-`, `.`, `~` as `_` "
                    + "(`GATEHOUSE_CLIENT_SECRET_BACK_OFFICE`): at least 32 bytes (`openssl rand -hex 32`), or `sha256:<64 hex>` of "
                    + "it (`printf %s \"$SECRET\" \\| sha256sum`) so the setting need not hold the secret. Only the SHA-256 is kept "
                    + "(a random machine secret needs no slow hash); public clients have none");
    /** Parsed by {@link ClientSettings}: each id must be a confidential client of {@link #CLIENTS}. */
    static final Setting<String> INTROSPECTION_CLIENTS = Setting.named("GATEHOUSE_INTROSPECTION_CLIENTS", text())
            .means("the resource servers allowed to introspect tokens at `/introspect` (RFC 7662): comma-separated ids of "
                    + "confidential clients listed in `GATEHOUSE_CLIENTS`, e.g. `orders-api`. Unset: nobody may introspect");
    /** Each entry as written, client id first; whether the client is registered is checked against {@link #CLIENTS}. */
    static final Setting<List<Map.Entry<String, List<String>>>> CLIENT_AUDIENCES = Setting.named("GATEHOUSE_CLIENT_AUDIENCES",
            SettingsCatalogue::clientAudiences)
            .means("per registered client, the resource servers its tokens are for, added to `aud` beside "
                    + "`GATEHOUSE_JWT_AUDIENCE`: `client=audience audience…` separated by `;`, e.g. `web-app=https://api.example.com orders`");

    /** Each entry as written, client id first; parsed into grant types and checked by {@link ClientSettings}. */
    static final Setting<List<Map.Entry<String, List<String>>>> CLIENT_GRANTS = Setting.named("GATEHOUSE_CLIENT_GRANTS",
            perClient("grant", "reporting=client_credentials"))
            .means("per registered client, the grants it may use at `/token`, replacing its defaults: `client=grant grant…` separated "
                    + "by `;`, grants among `password` (first-party only), `refresh_token`, `authorization_code`, `client_credentials` "
                    + "(confidential only), e.g. `reporting=client_credentials`. Unnamed clients: first-party ones `password "
                    + "refresh_token authorization_code`, others `refresh_token authorization_code`");
    /** Each entry as written, client id first; parsed into scopes and checked by {@link ClientSettings}. */
    static final Setting<List<Map.Entry<String, List<String>>>> CLIENT_SCOPES = Setting.named("GATEHOUSE_CLIENT_SCOPES",
            perClient("scope", "reporting=reports:read"))
            .means("per registered client, the only scopes its tokens may carry: `client=scope scope…` separated by `;`, e.g. "
                    + "`reporting=reports:read`. Unnamed clients: any scope the user may hold (with `client_credentials`: none)");
    /** Each entry as written, client id first; parsed into redirect URIs and checked by {@link ClientSettings}. */
    static final Setting<List<Map.Entry<String, List<String>>>> CLIENT_REDIRECT_URIS = Setting.named("GATEHOUSE_CLIENT_REDIRECT_URIS",
            perClient("uri", "web-app=https://app.example.com/callback"))
            .means("per registered client, its redirect URIs for the authorization code flow, matched exactly: `client=uri uri…` "
                    + "separated by `;`, each absolute, without fragment, `https` or `http` to `127.0.0.1`, `[::1]` or `localhost` "
                    + "(any port, RFC 8252), e.g. `web-app=https://app.example.com/callback`");
    /** Each entry as written, client id first; parsed into post-logout redirect URIs and checked by {@link ClientSettings}. */
    static final Setting<List<Map.Entry<String, List<String>>>> CLIENT_POST_LOGOUT_REDIRECT_URIS = Setting.named(
            "GATEHOUSE_CLIENT_POST_LOGOUT_REDIRECT_URIS", perClient("uri", "web-app=https://app.example.com/goodbye"))
            .means("per registered client, where RP-initiated logout (`/authorize/end-session`) may send the browser back to, "
                    + "matched exactly: `client=uri uri…` separated by `;`, each like a redirect URI, e.g. "
                    + "`web-app=https://app.example.com/goodbye`. Unnamed clients: none (the logout ends on Gatehouse's page)");
    static final Setting<String> CLIENT_JWKS = Setting.named("GATEHOUSE_CLIENT_JWKS_" + Setting.PLACEHOLDER, text()).asGiven()
            .means("the public keys of a confidential client that authenticates with `private_key_jwt` (RFC 7523), `<ID>` as for "
                    + "`GATEHOUSE_CLIENT_SECRET_<ID>`: a JSON Web Key Set (`{\"keys\":[…]}`, RSA or EC keys) or the https URL "
                    + "where the client publishes it. Such a client needs no secret");

    // Passwords and hashing

    static final Setting<Integer> ARGON2_MEMORY_KIB = Setting.named("GATEHOUSE_ARGON2_MEMORY_KIB", wholeNumber(8, 4_194_304))
            .defaultsTo(Argon2Parameters.OWASP.memoryKiB(), "19456")
            .means("argon2id memory cost in KiB (OWASP's recommendation, with 2 iterations). Where memory is short, `7168` with "
                    + "`GATEHOUSE_ARGON2_ITERATIONS=5` is the least memory of the settings OWASP rates equal (Keycloak's default): "
                    + "12 MiB less per running hash, a quarter more logins a second here (bench/README.md); RFC 9106 picks the most "
                    + "memory affordable first, then passes. Stored hashes are redone at their owners' next login");
    static final Setting<Integer> ARGON2_ITERATIONS = Setting.named("GATEHOUSE_ARGON2_ITERATIONS", wholeNumber(1, 100))
            .defaultsTo(Argon2Parameters.OWASP.iterations(), "2")
            .means("argon2id iterations (OWASP's recommendation)");
    static final Setting<Integer> ARGON2_PARALLELISM = Setting.named("GATEHOUSE_ARGON2_PARALLELISM", wholeNumber(1, 64))
            .defaultsTo(Argon2Parameters.OWASP.parallelism(), "1")
            .means("argon2id parallelism (OWASP's recommendation)");
    static final Setting<Integer> HASH_MEMORY_BUDGET_MIB = Setting.named("GATEHOUSE_HASH_MEMORY_BUDGET_MIB", wholeNumber(1, 65_536))
            .defaultsTo(256, "256")
            .means("memory hashing may hold at once; with the cores it sets how many hashes run concurrently");
    static final Setting<Integer> HASH_MAX_CONCURRENT = Setting.named("GATEHOUSE_HASH_MAX_CONCURRENT", wholeNumber(1, 1024))
            .shownAs("from the budget")
            .means("hashes that run at once: as many as there are cores, and no more than fit the budget. Flood control: beyond this and the "
                    + "two below, `503` with `Retry-After`");
    static final Setting<Integer> HASH_MAX_WAITING = Setting.named("GATEHOUSE_HASH_MAX_WAITING", wholeNumber(0, 100_000))
            .shownAs("8 per slot")
            .means("requests that may wait for a hashing slot");
    static final Setting<Duration> HASH_MAX_WAIT = Setting.named("GATEHOUSE_HASH_MAX_WAIT", duration(Duration.ofMinutes(1)))
            .defaultsTo(Duration.ofSeconds(2), "2s")
            .means("how long a request may wait for a hashing slot (at most `1m`)");
    /** At most {@link #HASH_MAX_CONCURRENT}, which {@link GatehouseSettings} checks once it knows that one. */
    static final Setting<Integer> HASH_MAX_CONCURRENT_REGISTRATIONS = Setting.named("GATEHOUSE_HASH_MAX_CONCURRENT_REGISTRATIONS",
                    wholeNumber(1, 1024))
            .shownAs("half of `GATEHOUSE_HASH_MAX_CONCURRENT`, at least 1")
            .means("hashing slots registrations may hold (running or waiting); the rest stay free for logins, so a registration "
                    + "flood cannot starve `/token` (with one slot nothing is reserved)");
    static final Setting<Integer> PASSWORD_MIN_LENGTH = Setting.named("GATEHOUSE_PASSWORD_MIN_LENGTH", wholeNumber(1, 128))
            .defaultsTo(CommonPasswordsPolicy.DEFAULT_MINIMUM_LENGTH, "8")
            .means("minimum password length at registration, in characters");

    // Login protection and request budgets

    static final Setting<Duration> LOGIN_BACKOFF_FIRST = Setting.named("GATEHOUSE_LOGIN_BACKOFF_FIRST", duration(Duration.ofHours(1)))
            .defaultsTo(AccountBackoff.DEFAULT.firstDelay(), "1s")
            .means("account backoff after the first failed login, doubling with each further one");
    static final Setting<Duration> LOGIN_BACKOFF_MAX = Setting.named("GATEHOUSE_LOGIN_BACKOFF_MAX", duration(Duration.ofDays(1)))
            .defaultsTo(AccountBackoff.DEFAULT.maxDelay(), "15m")
            .means("the longest account backoff (at most `1d`, and not above the quiet period)");
    static final Setting<Duration> LOGIN_QUIET_PERIOD = Setting.named("GATEHOUSE_LOGIN_QUIET_PERIOD", duration(Duration.ofDays(30)))
            .defaultsTo(AccountBackoff.DEFAULT.quietPeriod(), "1h")
            .means("the quiet time without failed logins that resets an account's backoff");
    static final Setting<Integer> LOGIN_CLIENT_MAX_FAILURES = Setting.named("GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES",
                    wholeNumber(1, 1_000_000))
            .defaultsTo(ClientBudget.DEFAULT.maxFailures(), "100")
            .means("failed logins allowed per client address and window");
    static final Setting<Duration> LOGIN_CLIENT_WINDOW = Setting.named("GATEHOUSE_LOGIN_CLIENT_WINDOW", duration(Duration.ofDays(1)))
            .defaultsTo(ClientBudget.DEFAULT.window(), "10m")
            .means("the window of `GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES`");
    static final Setting<List<Cidr>> TRUSTED_PROXIES = Setting.named("GATEHOUSE_TRUSTED_PROXIES", (name, blocks) -> {
        List<Cidr> proxies = new ArrayList<>();
        for (String block : blocks.split("[,\\s]+")) {
            if (block.isEmpty()) {
                continue;
            }
            try {
                proxies.add(Cidr.parse(block));
            } catch (IllegalArgumentException invalid) {
                throw new InvalidSettingException(name + " must list CIDR blocks such as 10.0.0.0/8 or "
                        + "2001:db8::/32: " + invalid.getMessage());
            }
        }
        return List.copyOf(proxies);
    }).defaultsTo(List.of()).shownAs("none")
            .means("CIDR blocks of your reverse proxies (e.g. `10.0.0.0/8, 2001:db8::/32`); `X-Forwarded-For` is read only from "
                    + "them, right to left, and the first address outside them is the client. Empty: never read");
    /** Refused rather than ignored, so that an operator who set it learns that the proxies must now be named. */
    static final Setting<Boolean> TRUST_FORWARDED_FOR = Setting.named("GATEHOUSE_TRUST_FORWARDED_FOR", (name, text) -> {
        if (trueOrFalse().parse(name, text)) {
            throw new InvalidSettingException(name + " is replaced by GATEHOUSE_TRUSTED_PROXIES: name the "
                    + "addresses of your reverse proxies as CIDR blocks (such as 10.0.0.0/8), and X-Forwarded-For is read "
                    + "only from them");
        }
        return false;
    }).defaultsTo(false, "false")
            .means("replaced by `GATEHOUSE_TRUSTED_PROXIES`: `true` (which believed every peer) is refused at start");
    static final Setting<Integer> IPV6_PREFIX = Setting.named("GATEHOUSE_IPV6_PREFIX", wholeNumber(32, 128))
            .defaultsTo(ClientAddressing.DEFAULT_IPV6_PREFIX_LENGTH, "64")
            .means("an IPv6 client is budgeted as this block (32 to 128); IPv4 clients per address");
    static final Setting<Optional<Duration>> REQUEST_RATE = Setting.named("GATEHOUSE_REQUEST_RATE", rate())
            .defaultsTo(Optional.of(RateLimits.DEFAULT.perClient().interval()), "2/s")
            .means("requests per client (IPv4 address or IPv6 /64) to `/token`, `/revoke`, `POST /users`, `/users/me/password` and `/password-reset`, "
                    + "checked in memory before any database work or hashing; beyond, `429` with `Retry-After`. A rate is `N/s`, "
                    + "`N/m` or `N/h`, or `off`");
    static final Setting<Integer> REQUEST_BURST = Setting.named("GATEHOUSE_REQUEST_BURST", wholeNumber(1, 1_000_000))
            .defaultsTo(RateLimits.DEFAULT.perClient().burst(), "60")
            .means("requests a client may make at once before `GATEHOUSE_REQUEST_RATE` holds it back");
    static final Setting<Optional<Duration>> NETWORK_RATE = Setting.named("GATEHOUSE_NETWORK_RATE", rate())
            .defaultsTo(Optional.of(RateLimits.DEFAULT.perNetwork().interval()), "10/s")
            .means("the same per IPv4 /24 or IPv6 /48, for clients that hold many addresses");
    static final Setting<Integer> NETWORK_BURST = Setting.named("GATEHOUSE_NETWORK_BURST", wholeNumber(1, 1_000_000))
            .defaultsTo(RateLimits.DEFAULT.perNetwork().burst(), "300")
            .means("requests a network may make at once before `GATEHOUSE_NETWORK_RATE` holds it back");
    static final Setting<Optional<Duration>> REGISTRATION_RATE = Setting.named("GATEHOUSE_REGISTRATION_RATE", rate())
            .defaultsTo(Optional.of(RateLimits.DEFAULT.registrations().interval()), "10/m")
            .means("registrations per client, on top of the client's requests");
    static final Setting<Integer> REGISTRATION_BURST = Setting.named("GATEHOUSE_REGISTRATION_BURST", wholeNumber(1, 1_000_000))
            .defaultsTo(RateLimits.DEFAULT.registrations().burst(), "20")
            .means("registrations a client may make at once before `GATEHOUSE_REGISTRATION_RATE` holds it back");
    static final Setting<Optional<Duration>> INTROSPECTION_RATE = Setting.named("GATEHOUSE_INTROSPECTION_RATE", rate())
            .defaultsTo(Optional.of(RateLimits.DEFAULT.introspections().interval()), "500/s")
            .means("questions per client address to `/introspect`, a budget of its own (a resource server asks on every request "
                    + "it serves, and no password is hashed there); beyond, `429` with `Retry-After`");
    static final Setting<Integer> INTROSPECTION_BURST = Setting.named("GATEHOUSE_INTROSPECTION_BURST", wholeNumber(1, 1_000_000))
            .defaultsTo(RateLimits.DEFAULT.introspections().burst(), "1000")
            .means("questions a client may ask at once before `GATEHOUSE_INTROSPECTION_RATE` holds it back");
    static final Setting<Integer> RATE_LIMIT_KEYS = Setting.named("GATEHOUSE_RATE_LIMIT_KEYS", wholeNumber(1_000, 10_000_000))
            .defaultsTo(RateLimits.DEFAULT.maxKeys(), "100000")
            .means("clients (and networks) each instance keeps a budget for; idle budgets are forgotten, and beyond this some are "
                    + "dropped (those clients start afresh)");

    // Registration and browsers

    static final Setting<Boolean> REGISTRATION = Setting.named("GATEHOUSE_REGISTRATION", either("open", "closed"))
            .defaultsTo(true, "open")
            .means("`open`: anyone may register at `POST /users`, as in the FastAPI tutorial (kept as the default so the "
                    + "tutorial's clients work; always open in demo mode); `closed`: `403 {\"detail\":\"Registration is closed\"}`, "
                    + "accounts are made with `create-user`");
    static final Setting<Duration> KNOWN_DEVICE_TTL = Setting.named("GATEHOUSE_KNOWN_DEVICE_TTL", duration(HmacKnownDevices.MAX_LIFETIME))
            .defaultsTo(HmacKnownDevices.DEFAULT_LIFETIME, "30d")
            .means("lifetime of the known-device cookie (at most 400 days)");
    static final Setting<Boolean> SECURE_COOKIES = Setting.named("GATEHOUSE_SECURE_COOKIES", trueOrFalse())
            .defaultsTo(true, "true")
            .means("mark cookies `Secure` (set `false` only for plain-HTTP testing)");

    // Mail

    static final Setting<String> SMTP_HOST = Setting.named("GATEHOUSE_SMTP_HOST", text())
            .means("the mail server that sends password-reset links and notices; unset, mails are written to the log instead "
                    + "(links and all: for a demo only)");
    static final Setting<Integer> SMTP_PORT = Setting.named("GATEHOUSE_SMTP_PORT", wholeNumber(1, 65_535))
            .shownAs("`587`, `465` with `smtps`, `25` with `none`")
            .means("the mail server's port");
    static final Setting<SmtpSecurity> SMTP_SECURITY = Setting.named("GATEHOUSE_SMTP_SECURITY", (name, text) -> {
        try {
            return SmtpSecurity.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException(name + " must be none, starttls or smtps, got '" + text + "'");
        }
    }).defaultsTo(SmtpSecurity.STARTTLS, "starttls")
            .means("`starttls` (required, never a fall-back to plain text), `smtps` (TLS from the first byte) or `none` (a relay on "
                    + "the same host only); TLS checks the server's certificate and name");
    static final Setting<String> SMTP_USERNAME = Setting.named("GATEHOUSE_SMTP_USERNAME", text())
            .means("the mail server login, if it needs one (with `GATEHOUSE_SMTP_PASSWORD`)");
    static final Setting<String> SMTP_PASSWORD = Setting.named("GATEHOUSE_SMTP_PASSWORD", text()).asGiven()
            .means("the mail server password");
    static final Setting<String> SMTP_FROM = Setting.named("GATEHOUSE_SMTP_FROM", text())
            .shownAs("`noreply@<GATEHOUSE_SMTP_HOST>`")
            .means("the sender of Gatehouse's mails, e.g. `Acme Login <noreply@acme.com>`");
    static final Setting<Duration> SMTP_TIMEOUT = Setting.named("GATEHOUSE_SMTP_TIMEOUT", duration(Duration.ofMinutes(1)))
            .defaultsTo(SmtpSettings.DEFAULT_TIMEOUT, "10s")
            .means("how long to wait for the mail server at each step (connect, read, write) before the delivery is retried later");
    static final Setting<String> PRODUCT_NAME = Setting.named("GATEHOUSE_PRODUCT_NAME", text())
            .defaultsTo("Gatehouse", "Gatehouse")
            .means("the name mails call the service by; their links start with `GATEHOUSE_PUBLIC_URL`");

    static final Setting<EmailVerificationMode> EMAIL_VERIFICATION = Setting.named("GATEHOUSE_EMAIL_VERIFICATION", (name, text) -> {
        try {
            return EmailVerificationMode.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException(name + " must be off, optional or required, got '" + text + "'");
        }
    }).defaultsTo(EmailVerificationMode.OFF, "off")
            .means("`optional` mails a link that verifies the address given at registration (and shows `email_verified` in "
                    + "`/users/me`); `required` also refuses tokens to an account until its address is verified (403 "
                    + "`email_not_verified`) and registration without an address; `off` neither");

    private static final List<Group> GROUPS = List.of(
            new Group("Server and operations", List.of(HOST, PORT, ADMIN_PORT, READINESS_TIMEOUT, SHUTDOWN_GRACE, LOG_FORMAT, DEMO)),
            new Group("Database", List.of(DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, DATA_DIR, USER_CACHE_SIZE, USER_CACHE_TTL,
                    STALE_READS, AUDIT_RETENTION, REDIS_URL)),
            new Group("Tokens and signing keys", List.of(JWT_SECRET, JWT_ALGORITHM, KEY_ROTATION, KEY_PREPUBLICATION,
                    KEY_ENCRYPTION_KEY, PUBLIC_URL, ISSUER, JWT_ISSUER, JWT_AUDIENCE, TOKEN_TTL, JWT_CLOCK_SKEW)),
            new Group("Sessions and scopes", List.of(REFRESH_TTL, REFRESH_IDLE_TTL, REFRESH_REUSE_GRACE, SCOPES, ROLE_SCOPES,
                    TWO_FACTOR_REQUIRED_ROLES)),
            new Group("Client applications", List.of(CLIENTS, CLIENT_SECRET, CLIENT_JWKS, INTROSPECTION_CLIENTS, CLIENT_AUDIENCES,
                    CLIENT_GRANTS, CLIENT_SCOPES, CLIENT_REDIRECT_URIS, CLIENT_POST_LOGOUT_REDIRECT_URIS)),
            new Group("Passwords and hashing", List.of(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_PARALLELISM,
                    HASH_MEMORY_BUDGET_MIB, HASH_MAX_CONCURRENT, HASH_MAX_WAITING, HASH_MAX_WAIT, HASH_MAX_CONCURRENT_REGISTRATIONS,
                    PASSWORD_MIN_LENGTH)),
            new Group("Login protection and request budgets", List.of(LOGIN_BACKOFF_FIRST, LOGIN_BACKOFF_MAX, LOGIN_QUIET_PERIOD,
                    LOGIN_CLIENT_MAX_FAILURES, LOGIN_CLIENT_WINDOW, TRUSTED_PROXIES, TRUST_FORWARDED_FOR, IPV6_PREFIX,
                    REQUEST_RATE, REQUEST_BURST, NETWORK_RATE, NETWORK_BURST, REGISTRATION_RATE, REGISTRATION_BURST,
                    INTROSPECTION_RATE, INTROSPECTION_BURST, RATE_LIMIT_KEYS)),
            new Group("Registration and browsers", List.of(REGISTRATION, KNOWN_DEVICE_TTL, SECURE_COOKIES)),
            new Group("Mail", List.of(SMTP_HOST, SMTP_PORT, SMTP_SECURITY, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM, SMTP_TIMEOUT,
                    PRODUCT_NAME, EMAIL_VERIFICATION)));

    private SettingsCatalogue() {
    }

    /** The groups, in the README's order. */
    static List<Group> groups() {
        return GROUPS;
    }

    /** Every setting, in the README's order. */
    static List<Setting<?>> all() {
        return GROUPS.stream().flatMap(group -> group.settings().stream()).toList();
    }

    private static Set<Scope> scopes(String name, String value) {
        try {
            return Scope.parseList(value);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException(name + ": " + invalid.getMessage());
        }
    }

    /** Roles as {@link #roles} reads them, or {@code none}: no role at all. */
    private static Set<Role> rolesOrNone(String name, String value) {
        return value.strip().equals("none") ? Set.of() : roles(name, value);
    }

    private static Set<Role> roles(String name, String value) {
        Set<Role> roles = new java.util.LinkedHashSet<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                roles.add(new Role(entry.strip()));
            } catch (IllegalArgumentException invalid) {
                throw new InvalidSettingException(name + ": " + invalid.getMessage() + ", got '" + entry.strip() + "'");
            }
        }
        return Set.copyOf(roles);
    }

    private static Map<Role, Set<Scope>> roleScopes(String name, String value) {
        Map<Role, Set<Scope>> byRole = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new InvalidSettingException(name + " entries must be role=scope scope..., separated by ';'"
                        + " (e.g. admin=admin;support=users:read), got '" + entry.strip() + "'");
            }
            Role role;
            try {
                role = new Role(entry.substring(0, equals).strip());
            } catch (IllegalArgumentException invalid) {
                throw new InvalidSettingException(name + ": " + invalid.getMessage() + ", got '"
                        + entry.substring(0, equals).strip() + "'");
            }
            if (byRole.put(role, scopes(name, entry.substring(equals + 1))) != null) {
                throw new InvalidSettingException(name + " names the role '" + role + "' twice");
            }
        }
        return byRole;
    }

    private static List<Map.Entry<String, List<String>>> clientAudiences(String name, String value) {
        return perClient("audience", "web-app=https://api.example.com orders").parse(name, value);
    }

    /** {@code client=value value…} entries separated by {@code ;}, each client's values split at white space. */
    private static Setting.Parser<List<Map.Entry<String, List<String>>>> perClient(String what, String example) {
        return (name, value) -> {
            List<Map.Entry<String, List<String>>> entries = new ArrayList<>();
            for (String entry : value.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int equals = entry.indexOf('=');
                List<String> values = equals < 0 ? List.of() : List.of(entry.substring(equals + 1).strip().split("\\s+"));
                if (equals < 0 || values.stream().anyMatch(String::isEmpty)) {
                    throw new InvalidSettingException(name + " entries must be client=" + what + " " + what + "..., "
                            + "separated by ';' (e.g. " + example + "), got '" + entry.strip() + "'");
                }
                entries.add(Map.entry(entry.substring(0, equals).strip(), values));
            }
            return List.copyOf(entries);
        };
    }
}
