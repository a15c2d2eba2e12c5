package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.ClientAction;
import dev.gatehouse.application.port.in.RotateClientSecretResult;
import dev.gatehouse.domain.ClientAddress;
import java.util.List;

/**
 * {@code rotate-client-secret <client-id>}: a new generated secret for a confidential client registered as data,
 * printed once; the old one stops working at once. Audited as the console.
 */
final class RotateClientSecretSubcommand implements Subcommand {

    @Override
    public String name() {
        return "rotate-client-secret";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("client-id"));
    }

    @Override
    public String summary() {
        return "Replace a client's secret with a new one, shown once; the old one stops working at once";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        ClientAction action = new ClientAction(Actor.console(), arguments.operand(0), ClientAddress.LOCAL);
        return (useCases, io) -> switch (useCases.clients().rotateSecret().rotate(action)) {
            case RotateClientSecretResult.Rotated rotated -> {
                io.out().println("client secret of " + rotated.id() + " (shown once; only its hash is kept): " + rotated.secret());
                yield ExitStatus.SUCCESS;
            }
            case RotateClientSecretResult.NoSuchClient none -> throw CommandException.refused("no client '" + action.clientId()
                    + "' is registered as data");
            case RotateClientSecretResult.Configured configured -> throw CommandException.refused("client '" + configured.id()
                    + "' is registered in the settings: its secret is GATEHOUSE_CLIENT_SECRET_<ID>");
            case RotateClientSecretResult.NoSecret noSecret -> throw CommandException.refused("client '" + noSecret.id()
                    + "' has no secret: it is public, or proves itself with its keys");
            case RotateClientSecretResult.Refused refused -> throw CommandException.refused("refused: " + refused.refusal());
        };
    }
}
