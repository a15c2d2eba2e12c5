package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.security.RfcTotp;
import dev.gatehouse.adapter.out.security.Subkeys;

import dev.gatehouse.adapter.out.security.Argon2PasswordHasher;
import dev.gatehouse.adapter.out.observability.AuditLogs;
import dev.gatehouse.adapter.out.security.BoundedPasswordHasher;
import dev.gatehouse.adapter.out.persistence.CachingSigningKeyRepository;
import dev.gatehouse.adapter.out.security.CommonPasswordsPolicy;
import dev.gatehouse.adapter.out.persistence.ConfiguredClientRegistry;
import dev.gatehouse.adapter.in.web.AccountPageClient;
import dev.gatehouse.domain.Client;
import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.adapter.out.observability.JsonLinesAuditLog;
import dev.gatehouse.adapter.out.persistence.SigningKeyEncryption;
import dev.gatehouse.adapter.out.persistence.UserCacheSettings;
import dev.gatehouse.adapter.out.redis.RedisRevokedAccessTokens;
import dev.gatehouse.adapter.out.redis.RedisStore;
import dev.gatehouse.adapter.out.observability.GatehouseMeters;
import dev.gatehouse.adapter.out.security.HmacKnownDevices;
import dev.gatehouse.adapter.out.security.HmacSeals;
import dev.gatehouse.adapter.out.security.JwtAccessTokens;
import dev.gatehouse.adapter.out.security.JwtIdTokens;
import dev.gatehouse.adapter.out.security.JwtClientAssertions;
import dev.gatehouse.adapter.out.security.JwtSettings;
import dev.gatehouse.application.assembly.DrivenPorts;
import dev.gatehouse.application.port.out.Mailer;
import dev.gatehouse.adapter.out.mail.LogMailer;
import dev.gatehouse.adapter.out.mail.MailTemplates;
import dev.gatehouse.adapter.out.mail.SmtpMailer;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.domain.KeyRotationPolicy;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The open database (and Redis, when {@code GATEHOUSE_REDIS_URL} is set) and every driven adapter built over them,
 * gathered in {@link DrivenPorts}: what the server and the command line share. Closing it closes both.
 */
final class DrivenAdapters implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DrivenAdapters.class.getName());

    private final Database database;
    private final Optional<RedisStore> redis;
    private final DrivenPorts ports;

    private DrivenAdapters(Database database, Optional<RedisStore> redis, DrivenPorts ports) {
        this.database = database;
        this.redis = redis;
        this.ports = ports;
    }

    /**
     * Opens (and migrates) the database of {@code settings} with the given user cache (the command line needs
     * none), and builds the adapters, metered in {@code meters}. On failure nothing stays open.
     */
    static DrivenAdapters open(GatehouseSettings settings, UserCacheSettings userCache, Clock clock, GatehouseMeters meters) {
        Database database = Database.open(settings.database(), userCache);
        // No lambda or method reference names RedisStore on a path every start takes: linking one loads the Redis
        // client's classes (110 of them, kept in the AOT cache and loaded at every start) even where Redis is unused.
        RedisStore redis = null;
        try {
            SharedState shared;
            if (settings.redis().isPresent()) {
                redis = RedisStore.open(settings.redis().get());
                shared = onRedis(redis, settings, userCache, clock);
            } else {
                shared = new SharedState(database.loginThrottle(), database.revokedAccessTokens());
            }
            return new DrivenAdapters(database, Optional.ofNullable(redis), drivenPorts(settings, database, shared, clock, meters));
        } catch (RuntimeException failed) {
            if (redis != null) {
                redis.close();
            }
            database.close();
            throw failed;
        }
    }

    /** The hot, short-lived state every instance shares: in the database, or on Redis. */
    private record SharedState(LoginThrottle loginThrottle, RevokedAccessTokens revokedAccessTokens) {
    }

    /**
     * The throttle and the revocation list on Redis: throttle keys expire after the login protection's memory, revoked
     * entries the clock skew past their tokens' last moment; the revocation list answers from memory while Redis is
     * down for as long as the user cache may ({@code GATEHOUSE_STALE_READS}).
     */
    private static SharedState onRedis(RedisStore redis, GatehouseSettings settings, UserCacheSettings userCache, Clock clock) {
        var retention = Gatehouse.retention(settings);
        return new SharedState(redis.loginThrottle(retention.failedLogins(), clock),
                redis.revokedAccessTokens(clock, retention.revokedTokens(), RedisRevokedAccessTokens.DEFAULT_REFRESH_INTERVAL,
                        userCache.staleReads()));
    }

    /** The rotation schedule of the signing keys; empty when tokens are signed with a shared secret (HS256). */
    static Optional<KeyRotationPolicy> keyRotation(GatehouseSettings settings) {
        return settings.tokens().signing().hs256() ? Optional.empty()
                : Optional.of(settings.tokens().signing().policy(settings.tokens().lifetime(), settings.tokens().clockSkew()));
    }

    Database database() {
        return database;
    }

    /** Redis, when the throttle and the revocation list live there. */
    Optional<RedisStore> redis() {
        return redis;
    }

    DrivenPorts ports() {
        return ports;
    }

    @Override
    public void close() {
        try {
            if (redis.isPresent()) {
                redis.get().close();
            }
        } finally {
            database.close();
        }
    }

    private static DrivenPorts drivenPorts(GatehouseSettings settings, Database database, SharedState shared, Clock clock,
                                           GatehouseMeters meters) {
        // No secret: a demo run (a throw-away key, said so), or a command that signs and encrypts nothing, for which
        // a random one keeps every adapter whole (the commands that touch keys require the secret).
        byte[] secret = settings.tokens().secret().orElseGet(() -> settings.demo() ? throwAwayDemoSecret() : JwtSettings.randomSecret());
        // One key per purpose from the one secret (HKDF): HS256 signing, known-device credentials, seals, key encryption.
        JwtSettings jwt = new JwtSettings(settings.tokens().issuer(), settings.tokens().audience(), Subkeys.derive(secret, Subkeys.TOKEN_SIGNING),
                settings.tokens().lifetime(), settings.tokens().clockSkew(), settings.tokens().clientAudiences());
        // Without a keyring of its own, the key-encryption key is derived from the JWT secret (HKDF, another purpose).
        List<byte[]> keyring = settings.tokens().signing().keyEncryptionKeys();
        CachingSigningKeyRepository signingKeys = new CachingSigningKeyRepository(database.signingKeys(
                new SigningKeyEncryption(keyring.isEmpty() ? List.of(secret) : keyring)));
        AccessTokens tokens = keyRotation(settings)
                .map(policy -> new JwtAccessTokens(jwt, signingKeys, policy, clock))
                .orElseGet(() -> new JwtAccessTokens(jwt, clock));
        HashingCapacity capacity = settings.passwords().hashing();
        BoundedPasswordHasher hasher = new BoundedPasswordHasher(
                meters.timed(new Argon2PasswordHasher(settings.passwords().argon2())),
                capacity.maxConcurrent(), capacity.maxWaiting(), capacity.maxWait());
        return DrivenPorts.builder()
                .users(database.users())
                .cachedUsers(database.cachedUsers())
                .passwordHasher(hasher)
                .registrationHasher(hasher.limitedTo(capacity.maxConcurrentRegistrations()))
                // Every account Gatehouse creates keeps a hash; one refers to a directory only if an operator stored it so.
                .passwordDirectory(PasswordDirectory.none())
                .passwordPolicy(new CommonPasswordsPolicy(settings.passwords().minimumLength()))
                .accessTokens(meters.counted(tokens))
                .refreshTokens(database.refreshTokens())
                .revokedAccessTokens(shared.revokedAccessTokens())
                .loginThrottle(shared.loginThrottle())
                .knownDevices(new HmacKnownDevices(Subkeys.derive(secret, Subkeys.KNOWN_DEVICES),
                        settings.web().knownDeviceLifetime(), clock))
                .auditLog(meters.countingOutcomes(new AuditLogs(database.auditLog(), JsonLinesAuditLog.toLogger())))
                .signingKeys(signingKeys)
                .clients(new ConfiguredClientRegistry(withAccountPage(settings)))
                .passwordResets(database.passwordResets())
                .mailOutbox(database.mailOutbox())
                .mailer(mailer(settings.mail()))
                .clock(clock)
                .clientAssertions(new JwtClientAssertions(assertionAudiences(settings), clock), database.assertionReplays())
                .authorizationCodeFlow(database.authorizationCodes(), new HmacSeals(Subkeys.derive(secret, Subkeys.SEALS)))
                .browserSessionRegistry(database.browserSessionRegistry())
                .emailVerifications(database.emailVerifications())
                // TOTP secrets are encrypted like the signing keys, under a key derived for them alone.
                .twoFactor(database.twoFactorCredentials(SigningKeyEncryption.forTwoFactorSecrets(
                        keyring.isEmpty() ? List.of(secret) : keyring)), database.mfaChallenges(), new RfcTotp())
                // ID tokens need keys a relying party can verify: with a shared secret there are none.
                .idTokens(keyRotation(settings).<IdTokens>map(policy -> new JwtIdTokens(jwt, signingKeys, policy, clock))
                        .orElseGet(IdTokens::none))
                .clientRepository(database.clientRepository())
                .consents(database.consents())
                .build();
    }

    /**
     * What a client assertion's {@code aud} may name (RFC 7523 section 3, OpenID Connect Core section 9): this server's
     * issuer, and its token endpoint URL where the public URL is known (the metadata's {@code token_endpoint}).
     */
    static Set<String> assertionAudiences(GatehouseSettings settings) {
        Set<String> audiences = new LinkedHashSet<>();
        audiences.add(settings.tokens().issuer());
        settings.web().discovery().publicUrl().ifPresent(base -> audiences.add(base + "/token"));
        return audiences;
    }

    /** SMTP when a server is configured; otherwise the log (the server says so when it starts; commands send no mail). */
    private static Mailer mailer(MailSettings settings) {
        MailTemplates templates = new MailTemplates(settings.productName(), settings.linkBase());
        return settings.smtp().<Mailer>map(smtp -> new SmtpMailer(smtp, templates)).orElseGet(() -> new LogMailer(templates));
    }

    private static byte[] throwAwayDemoSecret() {
        LOG.warning(SettingsCatalogue.JWT_SECRET.name() + " is not set: signing tokens with a random key for this demo run; "
                + "tokens stop working when the process ends");
        return JwtSettings.randomSecret();
    }

    /**
     * The configured clients and, while any is registered (sign-in for applications is on) and the public URL is known,
     * the account page ({@link AccountPageClient}), unless a client of its id is configured already. Without clients the
     * account page is not registered: one registered client would turn on client authentication for everyone.
     */
    static List<Client> withAccountPage(GatehouseSettings settings) {
        List<Client> clients = settings.clients();
        if (clients.isEmpty() || settings.web().discovery().publicUrl().isEmpty()
                || clients.stream().anyMatch(client -> client.id().value().equals(AccountPageClient.ID))) {
            return clients;
        }
        List<Client> withPage = new java.util.ArrayList<>(clients);
        withPage.add(AccountPageClient.registration(settings.web().discovery().publicUrl().get()));
        return List.copyOf(withPage);
    }
}
