package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.domain.KeyId;
import java.util.List;

/**
 * {@code revoke-key <kid>}: distrusts a compromised signing key on every instance within seconds. When it is the
 * key that signs, a successor is created that signs at once (no pre-publication: the old key must stop). Audited
 * as the console.
 */
final class RevokeKeySubcommand implements Subcommand {

    @Override
    public boolean needsSigningSecret() {
        return true;
    }

    @Override
    public String name() {
        return "revoke-key";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("kid"));
    }

    @Override
    public String summary() {
        return "Distrust a compromised signing key at once; if it signs, a new key signs in its place at once";
    }

    @Override
    public List<String> details() {
        return List.of(
                "Every instance stops publishing and accepting the key within a few seconds; tokens it signed stop working.",
                "Resource servers that cache the key set must refetch it when they meet an unknown kid (the successor's).",
                "Fails under GATEHOUSE_JWT_ALGORITHM=HS256, which has no keys to revoke.");
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        KeyId kid;
        try {
            kid = new KeyId(arguments.operand(0));
        } catch (IllegalArgumentException invalid) {
            throw CommandException.usage("invalid key id '" + arguments.operand(0) + "': " + invalid.getMessage());
        }
        return (useCases, io) -> {
            io.out().println(ConsoleKeys.report(ConsoleKeys.revocation(useCases).revoke(kid), useCases));
            return ExitStatus.SUCCESS;
        };
    }
}
