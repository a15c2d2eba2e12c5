package dev.gatehouse.bootstrap;

import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.EndUserSessionsUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RotateSigningKeysUseCase;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import dev.gatehouse.application.service.ChangeUserRoleService;
import dev.gatehouse.application.service.EndUserSessionsService;
import dev.gatehouse.application.service.RegisterUserService;
import dev.gatehouse.application.service.RotateSigningKeysService;
import dev.gatehouse.application.service.SearchUsersService;
import dev.gatehouse.application.service.SetUserEnabledService;
import dev.gatehouse.application.service.ShowUserService;
import dev.gatehouse.application.service.UnlockUserService;
import java.util.Objects;
import java.util.Optional;

/**
 * The use cases the command line drives, built from the same driven ports as the server's, and the settings
 * they run under. {@code keyRotation} is empty when tokens are signed with a shared secret (HS256).
 */
record ConsoleUseCases(RegisterUserUseCase register, ChangeUserRoleUseCase changeRole, SetUserEnabledUseCase setEnabled,
                       UnlockUserUseCase unlock, EndUserSessionsUseCase endSessions, ShowUserUseCase show,
                       SearchUsersUseCase search, Optional<RotateSigningKeysUseCase> keyRotation,
                       GatehouseSettings settings) {

    ConsoleUseCases {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(changeRole, "changeRole");
        Objects.requireNonNull(setEnabled, "setEnabled");
        Objects.requireNonNull(unlock, "unlock");
        Objects.requireNonNull(endSessions, "endSessions");
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(keyRotation, "keyRotation");
        Objects.requireNonNull(settings, "settings");
    }

    static ConsoleUseCases wire(DrivenPorts ports, GatehouseSettings settings) {
        Optional<RotateSigningKeysUseCase> keyRotation = settings.tokenSigning().algorithm().map(algorithm ->
                new RotateSigningKeysService(ports.signingKeys(), DrivenAdapters.keyRotation(settings).orElseThrow(), algorithm,
                        ports.auditLog(), ports.clock()));
        return new ConsoleUseCases(
                new RegisterUserService(ports.users(), ports.passwordHasher(), ports.passwordPolicy(), ports.auditLog(), ports.clock()),
                new ChangeUserRoleService(ports.accessTokens(), ports.users(), ports.refreshTokens(), settings.scopePolicy(),
                        ports.auditLog(), ports.clock()),
                new SetUserEnabledService(ports.accessTokens(), ports.users(), ports.refreshTokens(), ports.auditLog(), ports.clock()),
                new UnlockUserService(ports.accessTokens(), ports.users(), ports.loginThrottle(), ports.auditLog(), ports.clock()),
                new EndUserSessionsService(ports.accessTokens(), ports.users(), ports.refreshTokens(), ports.auditLog(), ports.clock()),
                new ShowUserService(ports.accessTokens(), ports.users(), ports.auditLog(), ports.clock()),
                new SearchUsersService(ports.accessTokens(), ports.users(), ports.auditLog(), ports.clock()),
                keyRotation,
                settings);
    }
}
