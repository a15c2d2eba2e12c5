package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.web.WebUseCases;
import dev.gatehouse.application.service.CurrentUserService;
import dev.gatehouse.application.service.LogInService;
import dev.gatehouse.application.service.RegisterUserService;
import dev.gatehouse.domain.LoginProtection;

/** Builds every use case from the driven ports, by plain constructors. */
public final class UseCaseWiring {

    private UseCaseWiring() {
    }

    public static WebUseCases wire(DrivenPorts ports, LoginProtection protection) {
        return new WebUseCases(
                new LogInService(ports.users(), ports.passwordHasher(), ports.accessTokens(), ports.loginThrottle(),
                        ports.knownDevices(), ports.auditLog(), protection, ports.clock()),
                new RegisterUserService(ports.users(), ports.passwordHasher(), ports.passwordPolicy(), ports.auditLog(),
                        ports.clock()),
                new CurrentUserService(ports.accessTokens(), ports.cachedUsers()));
    }
}
