package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.RegisteredClient;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code list-clients}: the clients registered as data, one per line, by id (those of the settings are not listed). */
final class ListClientsSubcommand implements Subcommand {

    @Override
    public String name() {
        return "list-clients";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of());
    }

    @Override
    public String summary() {
        return "List the client applications registered as data (not those of GATEHOUSE_CLIENTS)";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        return (useCases, io) -> {
            List<RegisteredClient> clients = switch (useCases.clients().list().list(Actor.console())) {
                case AdminResult.Done<List<RegisteredClient>> done -> done.value();
                case AdminResult.Refused<List<RegisteredClient>> refused -> throw CommandException.refused("refused: "
                        + refused.refusal());
            };
            if (clients.isEmpty()) {
                io.out().println("no clients registered as data");
                return ExitStatus.SUCCESS;
            }
            io.out().println("CLIENT_ID\tTYPE\tPARTY\tGRANT_TYPES\tREDIRECT_URIS\tREGISTERED");
            for (RegisteredClient registered : clients) {
                Client client = registered.client();
                io.out().println(client.id() + "\t" + client.type().name().toLowerCase(Locale.ROOT) + "\t"
                        + (client.firstParty() ? "first" : "third") + "\t"
                        + client.grantTypes().stream().map(GrantType::value).sorted().collect(Collectors.joining(",")) + "\t"
                        + client.redirectUris().stream().map(RedirectUri::value).collect(Collectors.joining(" ")) + "\t"
                        + DateTimeFormatter.ISO_INSTANT.format(registered.registeredAt()));
            }
            return ExitStatus.SUCCESS;
        };
    }
}
