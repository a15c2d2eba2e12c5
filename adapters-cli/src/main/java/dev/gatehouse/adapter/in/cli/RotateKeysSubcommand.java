package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.ForcedRotation;
import dev.gatehouse.application.port.in.RotateSigningKeysUseCase;
import dev.gatehouse.domain.SigningAlgorithm;
import java.time.Duration;
import java.util.List;

/**
 * {@code rotate-keys}: creates the successor of the signing key now instead of at the scheduled time. It is
 * published at once and signs only after the pre-publication window, so that every instance and every cached key
 * set knows it first; the current key signs until then, and stays published until its tokens expired. Under
 * HS256 there is no key to rotate, and the command says so and fails. With {@code --compromised} the signing key
 * is revoked instead ({@link RevokeKeySubcommand}): distrusted at once, and a successor signs at once.
 */
final class RotateKeysSubcommand implements Subcommand {

    @Override
    public boolean needsSigningSecret() {
        return true;
    }

    @Override
    public String name() {
        return "rotate-keys";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of(), CommandSyntax.flag("compromised"));
    }

    @Override
    public String summary() {
        return "Create the next signing key now: published at once, signing after GATEHOUSE_KEY_PREPUBLICATION";
    }

    @Override
    public List<String> details() {
        return List.of(
                "The current key signs until the new one takes over and stays published until its tokens expired, so no",
                "token stops working. Running instances pick the new key up within 30 s. A key already waiting to sign is",
                "reported, not replaced. Fails under GATEHOUSE_JWT_ALGORITHM=HS256, which has no keys to rotate.",
                "--compromised: the signing key leaked. It is revoked (every instance refuses its tokens within a few",
                "seconds) and a new key signs at once; resource servers must refetch the key set on the unknown kid.");
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        if (arguments.flag("compromised")) {
            return (useCases, io) -> {
                io.out().println(ConsoleKeys.report(ConsoleKeys.revocation(useCases).revokeSigningKey(), useCases));
                return ExitStatus.SUCCESS;
            };
        }
        return (useCases, io) -> {
            RotateSigningKeysUseCase rotation = useCases.keyRotation().orElseThrow(() -> CommandException.refused(
                    "tokens are signed with HS256 (GATEHOUSE_JWT_ALGORITHM=HS256): one shared secret, no keys to rotate; "
                            + "to replace it, change GATEHOUSE_JWT_SECRET on every instance (tokens issued so far stop working)"));
            String algorithm = useCases.signingAlgorithm().map(SigningAlgorithm::joseName).orElseThrow();
            io.out().println(switch (rotation.rotateNow()) {
                case ForcedRotation.SuccessorCreated created when created.successor().equals(created.signingKey()) ->
                        "created " + algorithm + " key " + created.successor() + "; no key could sign here before, so it signs at once";
                case ForcedRotation.SuccessorCreated created ->
                        "created " + algorithm + " key " + created.successor() + ": published now, signing from " + created.activatesAt()
                                + " (in " + human(useCases.prePublication()) + "); key " + created.signingKey() + " signs until then";
                case ForcedRotation.SuccessorPending pending ->
                        "nothing created: key " + pending.successor() + " is already published and signs from " + pending.activatesAt()
                                + "; key " + pending.signingKey() + " signs until then";
            });
            return ExitStatus.SUCCESS;
        };
    }

    private static String human(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toSeconds() % 3_600 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + "m";
        }
        return duration.toSeconds() + "s";
    }
}
