package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.cli.ConsoleOpener;
import dev.gatehouse.adapter.in.cli.ConsoleClients;
import dev.gatehouse.adapter.in.cli.ConsoleUseCases;
import dev.gatehouse.adapter.out.observability.GatehouseMeters;
import dev.gatehouse.adapter.out.persistence.UserCacheSettings;
import dev.gatehouse.application.service.UseCases;
import java.time.Clock;

/**
 * What a command of the command line works on: the settings it needs read (the signing secret only for the
 * commands that touch keys), the database they name opened and migrated, and the use cases of the one assembly.
 */
final class DatabaseConsole implements ConsoleOpener {

    private final CommandSettings settings;
    private final Clock clock;

    DatabaseConsole(CommandSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Opened open(boolean signingSecretRequired) {
        GatehouseSettings read;
        try {
            read = settings.read(signingSecretRequired);
        } catch (InvalidSettingException invalid) {
            throw new InvalidSettings(invalid.getMessage());
        }
        DrivenAdapters adapters;
        try {
            // No user cache: nothing here reads a user twice, and on PostgreSQL it would hold a listening connection.
            // Meters nobody scrapes: a command is over before anyone could.
            adapters = DrivenAdapters.open(read, UserCacheSettings.OFF, clock, new GatehouseMeters(GatehouseMeters.newRegistry()));
        } catch (RuntimeException cannotOpen) {
            throw new CannotOpen(cannotOpen.getMessage() + inUseHint(read, cannotOpen), cannotOpen);
        }
        ConsoleUseCases useCases;
        try {
            useCases = consoleUseCases(new UseCases(adapters.ports(), Gatehouse.policies(read)), read);
        } catch (RuntimeException failed) {
            adapters.close();
            throw failed;
        }
        return new Opened() {
            @Override
            public ConsoleUseCases useCases() {
                return useCases;
            }

            @Override
            public void close() {
                adapters.close();
            }
        };
    }

    private static ConsoleUseCases consoleUseCases(UseCases useCases, GatehouseSettings settings) {
        return new ConsoleUseCases(useCases.registerUser(), useCases.changeUserRole(), useCases.setUserEnabled(),
                useCases.unlockUser(), useCases.endUserSessions(), useCases.showUser(), useCases.searchUsers(),
                useCases.rotateSigningKeys(), useCases.revokeSigningKey(), settings.tokens().scopePolicy(),
                settings.tokens().signing().algorithm(), settings.tokens().signing().prePublication(), useCases.sendPasswordReset(),
                useCases.importUsers(), useCases.resetTwoFactor(),
                new ConsoleClients(useCases.registerClient(), useCases.listClients(), useCases.showClient(), useCases.removeClient(),
                        useCases.rotateClientSecret()));
    }

    /** An embedded database belongs to one process at a time: a running server keeps the command line out. */
    private static String inUseHint(GatehouseSettings settings, RuntimeException cannotOpen) {
        boolean embedded = settings.database().jdbcUrl().startsWith("jdbc:h2:file:");
        boolean inUse = String.valueOf(cannotOpen.getMessage()).contains("already in use");
        return embedded && inUse ? " (a running Gatehouse holds the embedded database: stop it first)" : "";
    }
}
