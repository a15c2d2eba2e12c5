package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.web.WebUseCases;
import dev.gatehouse.application.port.in.PublishedKeysUseCase;
import dev.gatehouse.application.service.ChangePasswordService;
import dev.gatehouse.application.service.ChangeUserRoleService;
import dev.gatehouse.application.service.CurrentUserService;
import dev.gatehouse.application.service.EndUserSessionsService;
import dev.gatehouse.application.service.LogInService;
import dev.gatehouse.application.service.LogOutService;
import dev.gatehouse.application.service.PublishedKeysService;
import dev.gatehouse.application.service.RefreshTokenService;
import dev.gatehouse.application.service.RegisterUserService;
import dev.gatehouse.application.service.RevokeTokenService;
import dev.gatehouse.application.service.SearchUsersService;
import dev.gatehouse.application.service.SetUserEnabledService;
import dev.gatehouse.application.service.ShowUserService;
import dev.gatehouse.application.service.UnlockUserService;
import dev.gatehouse.domain.KeyRotationPolicy;
import java.util.List;
import java.util.Optional;

/** Builds every use case from the driven ports, by plain constructors. */
public final class UseCaseWiring {

    private UseCaseWiring() {
    }

    /**
     * With {@code keyRotation} present, the keys it publishes from {@link DrivenPorts#signingKeys()} are served;
     * empty means tokens are signed with a shared secret, and no keys are published.
     */
    public static WebUseCases wire(DrivenPorts ports, GatehouseSettings settings, Optional<KeyRotationPolicy> keyRotation) {
        PublishedKeysUseCase publishedKeys = keyRotation
                .<PublishedKeysUseCase>map(policy -> new PublishedKeysService(ports.signingKeys(), policy, ports.clock()))
                .orElse(List::of);
        return new WebUseCases(
                new LogInService(ports.users(), ports.passwordHasher(), ports.accessTokens(), ports.refreshTokens(),
                        ports.loginThrottle(), ports.knownDevices(), ports.auditLog(), settings.loginProtection(), settings.scopePolicy(),
                        ports.clients(), ports.clock()),
                new RegisterUserService(ports.users(), ports.registrationHasher(), ports.passwordPolicy(), ports.auditLog(),
                        ports.clock()),
                new CurrentUserService(ports.accessTokens(), ports.revokedAccessTokens(), ports.cachedUsers()),
                new RefreshTokenService(ports.refreshTokens(), ports.accessTokens(), ports.revokedAccessTokens(), ports.users(),
                        ports.loginThrottle(), ports.auditLog(),
                        settings.refreshPolicy(), ports.clients(), ports.clock()),
                new RevokeTokenService(ports.refreshTokens(), ports.accessTokens(), ports.revokedAccessTokens(), ports.users(),
                        ports.auditLog(), ports.clients(), ports.clock()),
                new LogOutService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.refreshTokens(),
                        ports.auditLog(), ports.clock()),
                new ChangePasswordService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.passwordHasher(),
                        ports.passwordPolicy(), ports.refreshTokens(), ports.knownDevices(), ports.loginThrottle(), settings.loginProtection().accounts(),
                        settings.scopePolicy(), ports.auditLog(), ports.clock()),
                publishedKeys,
                administration(ports, settings));
    }

    /** The administration use cases read and write users directly: an administrator must see the stored state. */
    public static WebUseCases.Administration administration(DrivenPorts ports, GatehouseSettings settings) {
        return new WebUseCases.Administration(
                new SearchUsersService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.auditLog(), ports.clock()),
                new ShowUserService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.auditLog(), ports.clock()),
                new SetUserEnabledService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.refreshTokens(),
                        ports.loginThrottle(), ports.auditLog(), ports.clock()),
                new UnlockUserService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.loginThrottle(), ports.auditLog(), ports.clock()),
                new ChangeUserRoleService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.refreshTokens(), settings.scopePolicy(),
                        ports.auditLog(), ports.clock()),
                new EndUserSessionsService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.refreshTokens(), ports.auditLog(),
                        ports.clock()));
    }
}
