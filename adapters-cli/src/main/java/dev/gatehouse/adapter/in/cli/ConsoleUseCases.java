package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ResetTwoFactorUseCase;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.EndUserSessionsUseCase;
import dev.gatehouse.application.port.in.ImportUsersUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RevokeSigningKeyUseCase;
import dev.gatehouse.application.port.in.RotateSigningKeysUseCase;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.SendPasswordResetUseCase;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.SigningAlgorithm;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The use cases the command line drives (the server's own, only the actor differs: the console), and what its
 * answers report: the roles that exist ({@code scopes}), the algorithm of the signing keys (empty when a shared
 * secret signs, HS256; then {@code keyRotation} and {@code keyRevocation} are empty too) and how long a new key
 * is published before it signs. {@code clients}: the client commands' use cases.
 */
public record ConsoleUseCases(RegisterUserUseCase register, ChangeUserRoleUseCase changeRole, SetUserEnabledUseCase setEnabled,
                              UnlockUserUseCase unlock, EndUserSessionsUseCase endSessions, ShowUserUseCase show,
                              SearchUsersUseCase search, Optional<RotateSigningKeysUseCase> keyRotation,
                              Optional<RevokeSigningKeyUseCase> keyRevocation, ScopePolicy scopes,
                              Optional<SigningAlgorithm> signingAlgorithm, Duration prePublication,
                              SendPasswordResetUseCase sendPasswordReset, ImportUsersUseCase importUsers,
                              ResetTwoFactorUseCase resetTwoFactor, ConsoleClients clients) {

    /** Without second factors to reset: {@code reset-two-factor} finds no such user. */
    public ConsoleUseCases(RegisterUserUseCase register, ChangeUserRoleUseCase changeRole, SetUserEnabledUseCase setEnabled,
                           UnlockUserUseCase unlock, EndUserSessionsUseCase endSessions, ShowUserUseCase show,
                           SearchUsersUseCase search, Optional<RotateSigningKeysUseCase> keyRotation,
                           Optional<RevokeSigningKeyUseCase> keyRevocation, ScopePolicy scopes,
                           Optional<SigningAlgorithm> signingAlgorithm, Duration prePublication,
                           SendPasswordResetUseCase sendPasswordReset, ImportUsersUseCase importUsers) {
        this(register, changeRole, setEnabled, unlock, endSessions, show, search, keyRotation, keyRevocation, scopes,
                signingAlgorithm, prePublication, sendPasswordReset, importUsers,
                action -> new AdminResult.Refused<>(AdminResult.Refusal.NO_SUCH_USER), ConsoleClients.NOT_OFFERED);
    }

    public ConsoleUseCases {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(changeRole, "changeRole");
        Objects.requireNonNull(setEnabled, "setEnabled");
        Objects.requireNonNull(unlock, "unlock");
        Objects.requireNonNull(endSessions, "endSessions");
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(keyRotation, "keyRotation");
        Objects.requireNonNull(keyRevocation, "keyRevocation");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(signingAlgorithm, "signingAlgorithm");
        Objects.requireNonNull(prePublication, "prePublication");
        Objects.requireNonNull(sendPasswordReset, "sendPasswordReset");
        Objects.requireNonNull(importUsers, "importUsers");
        Objects.requireNonNull(resetTwoFactor, "resetTwoFactor");
        Objects.requireNonNull(clients, "clients");
    }
}
