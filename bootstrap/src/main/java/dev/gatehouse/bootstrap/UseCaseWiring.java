package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.web.WebUseCases;
import dev.gatehouse.application.service.ChangePasswordService;
import dev.gatehouse.application.service.CurrentUserService;
import dev.gatehouse.application.service.LogInService;
import dev.gatehouse.application.service.LogOutService;
import dev.gatehouse.application.service.RefreshTokenService;
import dev.gatehouse.application.service.RegisterUserService;
import dev.gatehouse.application.service.RevokeTokenService;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.RefreshPolicy;

/** Builds every use case from the driven ports, by plain constructors. */
public final class UseCaseWiring {

    private UseCaseWiring() {
    }

    public static WebUseCases wire(DrivenPorts ports, LoginProtection protection, RefreshPolicy refreshPolicy) {
        return new WebUseCases(
                new LogInService(ports.users(), ports.passwordHasher(), ports.accessTokens(), ports.refreshTokens(),
                        ports.loginThrottle(), ports.knownDevices(), ports.auditLog(), protection, ports.clock()),
                new RegisterUserService(ports.users(), ports.passwordHasher(), ports.passwordPolicy(), ports.auditLog(),
                        ports.clock()),
                new CurrentUserService(ports.accessTokens(), ports.cachedUsers()),
                new RefreshTokenService(ports.refreshTokens(), ports.accessTokens(), ports.users(), ports.auditLog(),
                        refreshPolicy, ports.clock()),
                new RevokeTokenService(ports.refreshTokens(), ports.accessTokens(), ports.users(), ports.auditLog(), ports.clock()),
                new LogOutService(ports.accessTokens(), ports.users(), ports.refreshTokens(), ports.auditLog(), ports.clock()),
                new ChangePasswordService(ports.accessTokens(), ports.users(), ports.passwordHasher(), ports.passwordPolicy(),
                        ports.refreshTokens(), ports.auditLog(), ports.clock()));
    }
}
