package dev.gatehouse.features.ports;

import dev.gatehouse.adapter.out.security.CommonPasswordsPolicy;
import dev.gatehouse.adapter.out.security.RfcTotp;
import dev.gatehouse.application.assembly.DrivenPorts;
import dev.gatehouse.application.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.ClientCredentialsGrantUseCase;
import dev.gatehouse.application.port.in.ConfirmTwoFactorUseCase;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.EndUserSessionsUseCase;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.in.LogOutUseCase;
import dev.gatehouse.application.port.in.MfaLogInUseCase;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeUseCase;
import dev.gatehouse.application.port.in.RefreshTokenUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.ResetTwoFactorUseCase;
import dev.gatehouse.application.port.in.RevokeTokenUseCase;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.in.SignInUseCase;
import dev.gatehouse.application.port.in.StartAuthorizationUseCase;
import dev.gatehouse.application.port.in.StartTwoFactorUseCase;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.ClientTokenClaims;
import dev.gatehouse.application.service.UseCases;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryAuthorizationCodes;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryMfaChallenges;
import dev.gatehouse.application.testing.InMemoryPasswordResets;
import dev.gatehouse.application.testing.InMemorySeals;
import dev.gatehouse.application.testing.InMemoryTwoFactorCredentials;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.bootstrap.Gatehouse;
import dev.gatehouse.bootstrap.GatehouseSettings;
import dev.gatehouse.bootstrap.SettingSource;
import dev.gatehouse.domain.Client;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The use cases as production assembles them ({@link UseCases}, under the policies production reads from its settings), over
 * in-memory driven ports on a clock the scenarios move: a Gatehouse without HTTP, a database or argon2, new for every
 * scenario. The one place this glue names bootstrap and adapter classes. Only the password policy is production's
 * own adapter: its rules (the common-password list) are what the registration scenarios state.
 */
final class InMemoryGatehouse {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemoryAccessTokens accessTokens;
    private final UseCases useCases;

    private InMemoryGatehouse(Map<String, String> extraSettings) {
        Map<String, String> values = new HashMap<>(extraSettings);
        values.put("GATEHOUSE_JWT_SECRET", "acceptance-tests-secret-of-at-least-32-bytes");
        // The administrators the scenarios make sign in with a password only (a deployment under test needs the same).
        values.putIfAbsent("GATEHOUSE_2FA_REQUIRED_ROLES", "none");
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(values));
        accessTokens = new InMemoryAccessTokens(clock, settings.tokens().lifetime());
        InMemoryUserRepository users = new InMemoryUserRepository();
        FastPasswordHasher hasher = new FastPasswordHasher();
        InMemoryPasswordResets resets = new InMemoryPasswordResets(users);
        DrivenPorts ports = InMemoryDrivenPorts.builder(users, hasher, clock)
                .passwordPolicy(new CommonPasswordsPolicy(settings.passwords().minimumLength()))
                .accessTokens(accessTokens)
                .clients(new InMemoryClientRegistry(settings.clients().toArray(Client[]::new)))
                .passwordResets(resets)
                .mailOutbox(resets.outbox())
                .authorizationCodeFlow(new InMemoryAuthorizationCodes(), new InMemorySeals())
                .twoFactor(new InMemoryTwoFactorCredentials(), new InMemoryMfaChallenges(), new RfcTotp())
                .consents(new dev.gatehouse.application.testing.InMemoryConsents())
                .browserSessionRegistry(new dev.gatehouse.application.testing.InMemoryBrowserSessionRegistry())
                .build();
        useCases = new UseCases(ports, Gatehouse.policies(settings));
    }

    /** With the default settings: no client application registered. */
    static InMemoryGatehouse withDefaults() {
        return new InMemoryGatehouse(Map.of());
    }

    /** With the client applications these settings ({@code GATEHOUSE_CLIENTS}, {@code GATEHOUSE_CLIENT_SECRET_<ID>}) name. */
    static InMemoryGatehouse withClients(Map<String, String> clientSettings) {
        return new InMemoryGatehouse(clientSettings);
    }

    /** The time on the scenarios' clock, which an authenticator app reads too. */
    Instant now() {
        return clock.instant();
    }

    void letPass(Duration time) {
        clock.advance(time);
    }

    /** What a token about a client application says; empty when it is not one, or not valid now. */
    Optional<ClientTokenClaims> clientClaimsOf(String accessToken) {
        return accessTokens.verifyClientToken(accessToken);
    }

    /** What an access token says, as a resource server decoding it would read it; empty when it is not valid now. */
    Optional<AccessTokenClaims> claimsOf(String accessToken) {
        return accessTokens.verify(accessToken);
    }

    StartAuthorizationUseCase startAuthorization() {
        return useCases.startAuthorization();
    }

    SignInUseCase signIn() {
        return useCases.signIn();
    }

    dev.gatehouse.application.port.in.AnswerConsentUseCase answerConsent() {
        return useCases.answerConsent();
    }

    dev.gatehouse.application.port.in.EndBrowserSessionUseCase endBrowserSession() {
        return useCases.endBrowserSession();
    }

    RedeemAuthorizationCodeUseCase redeemAuthorizationCode() {
        return useCases.redeemAuthorizationCode();
    }

    ClientCredentialsGrantUseCase clientCredentialsGrant() {
        return useCases.clientCredentialsGrant();
    }

    RegisterUserUseCase registerUser() {
        return useCases.registerUser();
    }

    LogInUseCase logIn() {
        return useCases.logIn();
    }

    CurrentUserUseCase currentUser() {
        return useCases.currentUser();
    }

    RefreshTokenUseCase refreshToken() {
        return useCases.refreshToken();
    }

    RevokeTokenUseCase revokeToken() {
        return useCases.revokeToken();
    }

    LogOutUseCase logOut() {
        return useCases.logOut();
    }

    ChangePasswordUseCase changePassword() {
        return useCases.changePassword();
    }

    SearchUsersUseCase searchUsers() {
        return useCases.searchUsers();
    }

    SetUserEnabledUseCase setUserEnabled() {
        return useCases.setUserEnabled();
    }

    UnlockUserUseCase unlockUser() {
        return useCases.unlockUser();
    }

    ChangeUserRoleUseCase changeUserRole() {
        return useCases.changeUserRole();
    }

    EndUserSessionsUseCase endUserSessions() {
        return useCases.endUserSessions();
    }

    StartTwoFactorUseCase startTwoFactor() {
        return useCases.startTwoFactor();
    }

    ConfirmTwoFactorUseCase confirmTwoFactor() {
        return useCases.confirmTwoFactor();
    }

    MfaLogInUseCase mfaLogIn() {
        return useCases.mfaLogIn();
    }

    ResetTwoFactorUseCase resetTwoFactor() {
        return useCases.resetTwoFactor();
    }
}
