package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.web.WebUseCases;
import dev.gatehouse.application.service.CurrentUserService;
import dev.gatehouse.application.service.LogInService;
import dev.gatehouse.application.service.PublishedKeysService;
import dev.gatehouse.application.service.RegisterUserService;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.LoginProtection;
import java.util.List;
import java.util.Optional;

/** Builds every use case from the driven ports, by plain constructors. */
public final class UseCaseWiring {

    private UseCaseWiring() {
    }

    /** Tokens signed with a shared secret: no keys are published. */
    public static WebUseCases wire(DrivenPorts ports, LoginProtection protection) {
        return wire(ports, protection, Optional.empty());
    }

    /** With {@code keyRotation} present, the keys it publishes from {@link DrivenPorts#signingKeys()} are served. */
    public static WebUseCases wire(DrivenPorts ports, LoginProtection protection, Optional<KeyRotationPolicy> keyRotation) {
        return new WebUseCases(
                new LogInService(ports.users(), ports.passwordHasher(), ports.accessTokens(), ports.loginThrottle(),
                        ports.knownDevices(), ports.auditLog(), protection, ports.clock()),
                new RegisterUserService(ports.users(), ports.passwordHasher(), ports.passwordPolicy(), ports.auditLog(),
                        ports.clock()),
                new CurrentUserService(ports.accessTokens(), ports.cachedUsers()),
                keyRotation.<dev.gatehouse.application.port.in.PublishedKeysUseCase>map(
                        policy -> new PublishedKeysService(ports.signingKeys(), policy, ports.clock())).orElse(List::of));
    }
}
