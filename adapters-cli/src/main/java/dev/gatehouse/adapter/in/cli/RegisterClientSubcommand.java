package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.RegisterClientCommand;
import dev.gatehouse.application.port.in.RegisterClientResult;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code register-client <client-id> --type public|confidential [...]}: registers a client as data, usable at once by
 * every instance; a confidential client without keys gets a generated secret, printed this once. Audited as the
 * console. Lists are one argument of space-separated values (none of them may hold a space).
 */
final class RegisterClientSubcommand implements Subcommand {

    @Override
    public String name() {
        return "register-client";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("client-id"), CommandSyntax.valued("type", "public|confidential"),
                CommandSyntax.flag("first-party"), CommandSyntax.valued("redirect-uris", "\"URI ...\""),
                CommandSyntax.valued("grant-types", "\"GRANT ...\""), CommandSyntax.valued("scopes", "\"SCOPE ...\""),
                CommandSyntax.valued("audiences", "\"AUDIENCE ...\""), CommandSyntax.valued("jwks-file", "PATH"),
                CommandSyntax.valued("jwks-uri", "URL"), CommandSyntax.valued("post-logout-redirect-uris", "\"URI ...\""));
    }

    @Override
    public String summary() {
        return "Register a client application; a confidential one without keys gets a secret, shown once";
    }

    @Override
    public List<String> details() {
        return List.of(
                "  --type            public (a browser or mobile app, no secret) or confidential (a server); required",
                "  --first-party     your own application: no consent screen, may be allowed the password grant",
                "  --redirect-uris   exact redirect URIs, space-separated in one argument (no wildcard, no fragment)",
                "  --grant-types     password, refresh_token, authorization_code, client_credentials (default: refresh_token",
                "                    and authorization_code, and password for a first-party client)",
                "  --scopes          the scopes the client may obtain (default: any)",
                "  --audiences       the resource servers its tokens may be for (RFC 8707)",
                "  --jwks-file       a JSON Web Key Set file: the client signs assertions (private_key_jwt), no secret",
                "  --jwks-uri        the https URL where the client publishes its key set, instead of --jwks-file",
                "  --post-logout-redirect-uris  exact pages RP-initiated logout may return to (default: none)",
                "The secret is printed once on standard output; only its hash is stored.");
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        String clientId = arguments.operand(0);
        String type = arguments.option("type").orElseThrow(() -> CommandException.usage("--type is required (public or confidential)"));
        Optional<String> jwks = arguments.option("jwks-file").map(RegisterClientSubcommand::read);
        RegisterClientCommand command = new RegisterClientCommand(Actor.console(), clientId, type, arguments.flag("first-party"),
                list(arguments, "redirect-uris").orElse(List.of()), list(arguments, "grant-types"), list(arguments, "scopes"),
                list(arguments, "audiences").orElse(List.of()), jwks, arguments.option("jwks-uri"), ClientAddress.LOCAL,
                list(arguments, "post-logout-redirect-uris").orElse(List.of()));
        return (useCases, io) -> switch (useCases.clients().register().register(command)) {
            case RegisterClientResult.Registered registered -> {
                Client client = registered.client().client();
                io.out().println("registered client " + client.id() + " (" + client.type().name().toLowerCase(java.util.Locale.ROOT)
                        + ", " + (client.firstParty() ? "first-party" : "third-party") + ")");
                registered.secret().ifPresent(secret -> io.out().println("client secret (shown once; only its hash is kept): "
                        + secret));
                yield ExitStatus.SUCCESS;
            }
            case RegisterClientResult.Invalid invalid -> throw CommandException.usage(option(invalid.field()) + ": "
                    + invalid.message());
            case RegisterClientResult.IdTaken taken -> throw CommandException.refused("a client with the id '" + taken.id()
                    + "' is registered already");
            case RegisterClientResult.Refused refused -> throw CommandException.refused("refused: " + refused.refusal());
        };
    }

    /** The option (or operand) a field of the request came from. */
    private static String option(String field) {
        return switch (field) {
            case "client_id" -> "<client-id>";
            case "jwks" -> "--jwks-file";
            case "client" -> "the client";
            default -> "--" + field.replace('_', '-');
        };
    }

    private static Optional<List<String>> list(Arguments arguments, String option) {
        return arguments.option(option).map(value -> value.isBlank() ? List.of()
                : Arrays.stream(value.strip().split("\\s+")).toList());
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            throw CommandException.usage("--jwks-file: cannot read " + path + " (" + unreadable.getMessage() + ")");
        }
    }
}
