package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.KeyRevocation;
import dev.gatehouse.application.port.in.RevokeSigningKeyUseCase;
import dev.gatehouse.domain.SigningAlgorithm;

/** What the key commands share: the HS256 refusal, and how a revocation is reported. */
final class ConsoleKeys {

    private ConsoleKeys() {
    }

    static RevokeSigningKeyUseCase revocation(ConsoleUseCases useCases) {
        return useCases.keyRevocation().orElseThrow(() -> CommandException.refused(
                "tokens are signed with HS256 (GATEHOUSE_JWT_ALGORITHM=HS256): one shared secret, no keys to revoke; "
                        + "to replace it, change GATEHOUSE_JWT_SECRET on every instance (tokens issued so far stop working)"));
    }

    /** The line to print for a done revocation; a refused one ends the command with exit status 1. */
    static String report(KeyRevocation revocation, ConsoleUseCases useCases) {
        String algorithm = useCases.signingAlgorithm().map(SigningAlgorithm::joseName).orElse("HS256");
        return switch (revocation) {
            case KeyRevocation.Revoked revoked when revoked.successor().isPresent() ->
                    "revoked key " + revoked.revoked() + "; created " + algorithm + " key " + revoked.successor().get()
                            + ", which signs at once. Every instance refuses the revoked key within a few seconds;"
                            + " resource servers must refetch the key set (on the unknown kid)";
            case KeyRevocation.Revoked revoked ->
                    "revoked key " + revoked.revoked() + "; it did not sign, key " + revoked.signingKey() + " signs on."
                            + " Every instance refuses the revoked key within a few seconds";
            case KeyRevocation.AlreadyRevoked already -> "key " + already.key() + " was already revoked; nothing changed";
            case KeyRevocation.UnknownKey unknown -> throw CommandException.refused("no signing key " + unknown.key()
                    + " is stored (the key set at /.well-known/jwks.json names the published ones)");
            case KeyRevocation.NoSigningKey none -> throw CommandException.refused(
                    "no key signs yet; start Gatehouse once to create the first one");
        };
    }
}
