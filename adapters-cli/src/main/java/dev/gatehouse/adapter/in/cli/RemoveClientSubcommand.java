package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.ClientAction;
import dev.gatehouse.application.port.in.RemoveClientResult;
import dev.gatehouse.domain.ClientAddress;
import java.util.List;

/** {@code remove-client <client-id>}: removes a client registered as data and ends its sessions. Audited as the console. */
final class RemoveClientSubcommand implements Subcommand {

    @Override
    public String name() {
        return "remove-client";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("client-id"));
    }

    @Override
    public String summary() {
        return "Remove a client registered as data; its refresh tokens stop working at once";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        ClientAction action = new ClientAction(Actor.console(), arguments.operand(0), ClientAddress.LOCAL);
        return (useCases, io) -> switch (useCases.clients().remove().remove(action)) {
            case RemoveClientResult.Removed removed -> {
                io.out().println("removed client " + removed.id() + "; ended " + removed.sessionsEnded() + " session(s)");
                yield ExitStatus.SUCCESS;
            }
            case RemoveClientResult.NoSuchClient none -> throw CommandException.refused("no client '" + action.clientId()
                    + "' is registered as data");
            case RemoveClientResult.Configured configured -> throw CommandException.refused("client '" + configured.id()
                    + "' is registered in the settings (GATEHOUSE_CLIENTS): remove it there");
            case RemoveClientResult.Refused refused -> throw CommandException.refused("refused: " + refused.refusal());
        };
    }
}
