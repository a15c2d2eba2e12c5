package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.RevokeCommand;
import dev.gatehouse.application.port.in.RevokeResult;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryKnownDevices;
import dev.gatehouse.application.testing.InMemoryLoginThrottle;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MinimumLengthPasswordPolicy;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client applications at the token and revocation use cases: off with no client registered, strict with some. */
class ClientAuthenticationTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final String PASSWORD = "correct horse";
    private static final String BACK_OFFICE_SECRET = "back-office-secret-of-at-least-32-bytes";
    private static final String REPORTING_SECRET = "reporting-secret-of-at-least-32-bytes!";
    private static final ClientCredentials WEB_APP = ClientCredentials.publicClient("web-app");
    private static final ClientCredentials BACK_OFFICE = ClientCredentials.confidential("back-office", BACK_OFFICE_SECRET);
    private static final ClientCredentials REPORTING = ClientCredentials.confidential("reporting", REPORTING_SECRET);

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryAccessTokens accessTokens = new InMemoryAccessTokens(clock, Duration.ofMinutes(15));
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final InMemoryClientRegistry clients = new InMemoryClientRegistry();

    private final LogInService logIn = new LogInService(users, hasher, PasswordDirectory.none(), accessTokens, refreshTokens, new InMemoryLoginThrottle(),
            new InMemoryKnownDevices(), audit, LoginProtection.DEFAULT, ScopePolicy.DEFAULT, clients, clock);
    private final RefreshTokenService refresh = new RefreshTokenService(refreshTokens, accessTokens, new InMemoryRevokedAccessTokens(), users, new InMemoryLoginThrottle(), audit,
            RefreshPolicy.DEFAULT, clients, clock);
    private final RevokeTokenService revoke = new RevokeTokenService(refreshTokens, accessTokens, new InMemoryRevokedAccessTokens(), users, audit,
            clients, clock);
    private final ChangePasswordService changePassword = new ChangePasswordService(accessTokens, new InMemoryRevokedAccessTokens(), users, hasher,
            new MinimumLengthPasswordPolicy(8), refreshTokens, new InMemoryKnownDevices(), new InMemoryLoginThrottle(), AccountBackoff.DEFAULT, ScopePolicy.DEFAULT, audit, clock);

    @BeforeEach
    void registerJane() {
        users.add(User.register(new Username("jane"), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant()));
    }

    private void registerClients() {
        clients.register(Client.publicClient(new ClientId("web-app"), true))
                .register(Client.confidential(new ClientId("back-office"), ClientSecretHash.of(BACK_OFFICE_SECRET), true))
                .register(Client.confidential(new ClientId("reporting"), ClientSecretHash.of(REPORTING_SECRET), false))
                .register(Client.publicClient(new ClientId("partner-app"), false));
    }

    @Test
    void without_registered_clients_client_credentials_are_ignored_and_tokens_name_no_client() {
        for (Optional<ClientCredentials> sent : List.of(Optional.<ClientCredentials>empty(), Optional.of(WEB_APP),
                Optional.of(ClientCredentials.confidential("anything", "whatever")))) {
            LogInResult.LoggedIn login = assertInstanceOf(LogInResult.LoggedIn.class, logIn(sent, PASSWORD));

            assertEquals(Optional.empty(), accessTokens.verify(login.accessToken().value()).orElseThrow().client());
            RefreshResult.Refreshed refreshed = assertInstanceOf(RefreshResult.Refreshed.class, refresh(login.refreshToken(), sent));
            assertEquals(Optional.empty(), accessTokens.verify(refreshed.accessToken().value()).orElseThrow().client());
            assertEquals(new RevokeResult.Done(), revoke(refreshed.refreshToken(), sent));
            assertInstanceOf(RefreshResult.InvalidGrant.class, refresh(refreshed.refreshToken(), sent));
        }
        assertTrue(audit.types().stream().noneMatch(type -> type == AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED));
    }

    @Test
    void a_first_party_public_client_logs_in_with_its_id_and_its_tokens_name_it() {
        registerClients();

        LogInResult.LoggedIn login = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.of(WEB_APP), PASSWORD));

        assertEquals(Optional.of(new ClientId("web-app")), accessTokens.verify(login.accessToken().value()).orElseThrow().client());
    }

    @Test
    void a_first_party_confidential_client_logs_in_with_its_secret() {
        registerClients();

        LogInResult.LoggedIn login = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.of(BACK_OFFICE), PASSWORD));

        assertEquals(Optional.of(new ClientId("back-office")),
                accessTokens.verify(login.accessToken().value()).orElseThrow().client());
    }

    @Test
    void refuses_a_missing_unknown_or_unproven_client_before_looking_at_the_user() {
        registerClients();

        for (Optional<ClientCredentials> sent : List.of(
                Optional.<ClientCredentials>empty(),
                Optional.of(ClientCredentials.publicClient("stranger")),
                Optional.of(ClientCredentials.publicClient("not a valid id")),
                Optional.of(ClientCredentials.publicClient("back-office")),
                Optional.of(ClientCredentials.confidential("back-office", "wrong-secret")),
                Optional.of(ClientCredentials.confidential("back-office", REPORTING_SECRET)),
                Optional.of(ClientCredentials.confidential("web-app", "a-secret-a-public-client-never-got")))) {
            int verificationsBefore = hasher.verifications();

            assertEquals(new LogInResult.InvalidClient(), logIn(sent, PASSWORD), sent::toString);
            assertEquals(new LogInResult.InvalidClient(), logIn(sent, "wrong password"), sent::toString);
            assertEquals(verificationsBefore, hasher.verifications(), "no password was checked");
        }
        assertTrue(audit.types().stream().allMatch(type -> type == AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED), audit.types()::toString);
    }

    @Test
    void refuses_the_password_grant_to_third_party_clients() {
        registerClients();

        assertEquals(new LogInResult.UnauthorizedClient(), logIn(Optional.of(REPORTING), PASSWORD));
        assertEquals(new LogInResult.UnauthorizedClient(), logIn(Optional.of(ClientCredentials.publicClient("partner-app")), PASSWORD));
        // A wrong secret is an unauthenticated client first.
        assertEquals(new LogInResult.InvalidClient(), logIn(Optional.of(ClientCredentials.confidential("reporting", "x")), PASSWORD));
        assertEquals(List.of(AuditEvent.Type.UNAUTHORIZED_CLIENT, AuditEvent.Type.UNAUTHORIZED_CLIENT,
                AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED), audit.types());
    }

    @Test
    void a_refresh_token_works_only_for_the_client_it_was_issued_to() {
        registerClients();
        LogInResult.LoggedIn login = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.of(WEB_APP), PASSWORD));

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(login.refreshToken(), Optional.of(BACK_OFFICE)));
        assertEquals(new RefreshResult.InvalidClient(), refresh(login.refreshToken(), Optional.empty()));
        assertEquals(new RefreshResult.InvalidClient(),
                refresh(login.refreshToken(), Optional.of(ClientCredentials.confidential("back-office", "wrong"))));

        RefreshResult.Refreshed refreshed = assertInstanceOf(RefreshResult.Refreshed.class,
                refresh(login.refreshToken(), Optional.of(WEB_APP)));
        assertEquals(Optional.of(new ClientId("web-app")),
                accessTokens.verify(refreshed.accessToken().value()).orElseThrow().client());
    }

    @Test
    void a_session_from_before_clients_were_registered_cannot_be_refreshed_by_a_client() {
        LogInResult.LoggedIn before = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.empty(), PASSWORD));
        registerClients();

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(before.refreshToken(), Optional.of(WEB_APP)));
    }

    @Test
    void a_client_revokes_only_its_own_tokens() {
        registerClients();
        LogInResult.LoggedIn login = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.of(WEB_APP), PASSWORD));

        assertEquals(new RevokeResult.InvalidClient(), revoke(login.refreshToken(), Optional.empty()));
        assertEquals(new RevokeResult.Done(), revoke(login.refreshToken(), Optional.of(BACK_OFFICE)));
        assertEquals(new RevokeResult.Done(), revoke(login.accessToken().value(), Optional.of(BACK_OFFICE)));
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(login.refreshToken(), Optional.of(WEB_APP)),
                "another client's revocation changed nothing");

        LogInResult.LoggedIn second = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.of(WEB_APP), PASSWORD));
        assertEquals(new RevokeResult.Done(), revoke(second.accessToken().value(), Optional.of(WEB_APP)));
        assertInstanceOf(RefreshResult.InvalidGrant.class, refresh(second.refreshToken(), Optional.of(WEB_APP)));
    }

    @Test
    void a_password_change_keeps_the_client_of_the_session() {
        registerClients();
        LogInResult.LoggedIn login = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.of(WEB_APP), PASSWORD));

        ChangePasswordResult.Changed changed = assertInstanceOf(ChangePasswordResult.Changed.class,
                changePassword.changePassword(new ChangePasswordCommand(login.accessToken().value(), new PlainPassword(PASSWORD),
                        new PlainPassword("a brand new passphrase"), FROM)));

        assertEquals(Optional.of(new ClientId("web-app")), accessTokens.verify(changed.accessToken().value()).orElseThrow().client());
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(changed.refreshToken(), Optional.of(WEB_APP)));
        assertInstanceOf(CurrentUserResult.Authenticated.class, new CurrentUserService(accessTokens, new InMemoryRevokedAccessTokens(), users)
                .currentUser(new CurrentUserQuery(changed.accessToken().value())));
    }

    private LogInResult logIn(Optional<ClientCredentials> client, String password) {
        return logIn.logIn(new LogInCommand("jane", new PlainPassword(password), Set.of(), FROM, Optional.empty(), client));
    }

    private RefreshResult refresh(String token, Optional<ClientCredentials> client) {
        return refresh.refresh(new RefreshCommand(token, Optional.empty(), FROM, client));
    }

    private RevokeResult revoke(String token, Optional<ClientCredentials> client) {
        return revoke.revoke(new RevokeCommand(token, Optional.empty(), FROM, client));
    }
}
