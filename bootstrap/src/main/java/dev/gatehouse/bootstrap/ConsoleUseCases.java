package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.web.WebUseCases;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.EndUserSessionsUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RevokeSigningKeyUseCase;
import dev.gatehouse.application.port.in.RotateSigningKeysUseCase;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import dev.gatehouse.application.service.RegisterUserService;
import dev.gatehouse.application.service.RevokeSigningKeyService;
import dev.gatehouse.application.service.RotateSigningKeysService;
import java.util.Objects;
import java.util.Optional;

/**
 * The use cases the command line drives, built from the same driven ports as the server's, and the settings
 * they run under. {@code keyRotation} and {@code keyRevocation} are empty when tokens are signed with a shared
 * secret (HS256).
 */
record ConsoleUseCases(RegisterUserUseCase register, ChangeUserRoleUseCase changeRole, SetUserEnabledUseCase setEnabled,
                       UnlockUserUseCase unlock, EndUserSessionsUseCase endSessions, ShowUserUseCase show,
                       SearchUsersUseCase search, Optional<RotateSigningKeysUseCase> keyRotation,
                       Optional<RevokeSigningKeyUseCase> keyRevocation, GatehouseSettings settings) {

    ConsoleUseCases {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(changeRole, "changeRole");
        Objects.requireNonNull(setEnabled, "setEnabled");
        Objects.requireNonNull(unlock, "unlock");
        Objects.requireNonNull(endSessions, "endSessions");
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(keyRotation, "keyRotation");
        Objects.requireNonNull(keyRevocation, "keyRevocation");
        Objects.requireNonNull(settings, "settings");
    }

    static ConsoleUseCases wire(DrivenPorts ports, GatehouseSettings settings) {
        Optional<RotateSigningKeysUseCase> keyRotation = settings.tokenSigning().algorithm().map(algorithm ->
                new RotateSigningKeysService(ports.signingKeys(), DrivenAdapters.keyRotation(settings).orElseThrow(), algorithm,
                        ports.auditLog(), ports.clock()));
        Optional<RevokeSigningKeyUseCase> keyRevocation = settings.tokenSigning().algorithm().map(algorithm ->
                new RevokeSigningKeyService(ports.signingKeys(), DrivenAdapters.keyRotation(settings).orElseThrow(), algorithm,
                        ports.auditLog(), ports.clock()));
        // The same administration use cases as the server's; only the actor differs (the console).
        WebUseCases.Administration administration = UseCaseWiring.administration(ports, settings);
        return new ConsoleUseCases(
                new RegisterUserService(ports.users(), ports.passwordHasher(), ports.passwordPolicy(), ports.auditLog(), ports.clock()),
                administration.changeUserRole(),
                administration.setUserEnabled(),
                administration.unlockUser(),
                administration.endUserSessions(),
                administration.showUser(),
                administration.searchUsers(),
                keyRotation,
                keyRevocation,
                settings);
    }
}
