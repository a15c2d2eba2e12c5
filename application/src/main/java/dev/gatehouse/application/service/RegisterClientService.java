package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RegisterClientCommand;
import dev.gatehouse.application.port.in.RegisterClientResult;
import dev.gatehouse.application.port.in.RegisterClientUseCase;
import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientKeys;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.RegisteredClient;
import dev.gatehouse.domain.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Registers a client as data: checks every field of the request into the domain's values (the first wrong one is
 * named), refuses an id the settings or the store already hold, generates the secret of a confidential client
 * without keys, and stores it with one conditional insert, so that of two concurrent registrations of one id exactly
 * one succeeds, on any instance.
 */
public final class RegisterClientService implements RegisterClientUseCase {

    static final int MAX_REDIRECT_URIS = 20;
    static final int MAX_SCOPES = 50;
    static final int MAX_AUDIENCES = 20;

    private final ClientAdministration administration;
    private final KnownClients known;
    private final ClientRepository repository;

    RegisterClientService(ClientAdministration administration, KnownClients known, ClientRepository repository) {
        this.administration = administration;
        this.known = known;
        this.repository = repository;
    }

    @Override
    public RegisterClientResult register(RegisterClientCommand command) {
        return administration.asAdmin(command.actor(), actorName -> registerAs(actorName, command),
                RegisterClientResult.Refused::new);
    }

    private RegisterClientResult registerAs(String actorName, RegisterClientCommand command) {
        // Generated before it is known to be needed: 32 random bytes cost less than a second pass over the request.
        String secret = ClientSecrets.newSecret();
        Client client;
        try {
            client = parse(command, ClientSecrets.hashOf(secret));
        } catch (InvalidField invalid) {
            return new RegisterClientResult.Invalid(invalid.field, invalid.getMessage());
        }
        if (known.isConfigured(client.id())) {
            return new RegisterClientResult.IdTaken(client.id());
        }
        RegisteredClient registered = new RegisteredClient(client, administration.clock().instant());
        if (!repository.add(registered)) {
            return new RegisterClientResult.IdTaken(client.id());
        }
        known.changed();
        administration.record(AuditEvent.Type.CLIENT_REGISTERED, client.id(), command.from(), actorName);
        return new RegisterClientResult.Registered(registered, client.secretHash().map(hash -> secret));
    }

    /** The client the request describes; a confidential one without keys gets the secret with this hash. */
    private static Client parse(RegisterClientCommand command, ClientSecretHash secretHash) {
        ClientId id = ClientAdministration.registrable(command.clientId()).orElseThrow(() -> new InvalidField("client_id",
                "a client id is 1 to " + ClientId.MAX_LENGTH + " letters, digits, '.', '_', '~' or '-'"));
        Client.Type type = switch (command.type()) {
            case "public" -> Client.Type.PUBLIC;
            case "confidential" -> Client.Type.CONFIDENTIAL;
            default -> throw new InvalidField("type", "the type is 'public' (a browser or mobile app, no secret) or "
                    + "'confidential' (a server, which keeps a secret or signs with its keys)");
        };
        List<RedirectUri> redirectUris = each("redirect_uris", command.redirectUris(), MAX_REDIRECT_URIS,
                RegisterClientService::redirectUri);
        List<RedirectUri> postLogoutRedirectUris = each("post_logout_redirect_uris", command.postLogoutRedirectUris(),
                MAX_REDIRECT_URIS, RegisterClientService::redirectUri);
        Set<GrantType> grantTypes = command.grantTypes().map(names -> {
            if (names.isEmpty()) {
                throw new InvalidField("grant_types", "name at least one grant type, or leave the field out for the defaults");
            }
            Set<GrantType> parsed = EnumSet.noneOf(GrantType.class);
            for (String name : names) {
                parsed.add(GrantType.parse(name).orElseThrow(() -> new InvalidField("grant_types", "'" + printable(name)
                        + "' is not a grant type; use password, refresh_token, authorization_code or client_credentials")));
            }
            return parsed;
        }).orElseGet(() -> Client.defaultGrantTypes(command.firstParty()));
        Optional<List<Scope>> scopes = command.scopes().map(names -> each("scopes", names, MAX_SCOPES, Scope::new));
        List<Audience> audiences = each("audiences", command.audiences(), MAX_AUDIENCES, Audience::new);
        if (command.jwks().isPresent() && command.jwksUri().isPresent()) {
            throw new InvalidField("jwks", "give the key set (jwks) or the URL where it is published (jwks_uri), not both");
        }
        Optional<ClientKeys> keys = command.jwks().<ClientKeys>map(json -> field("jwks", () -> new ClientKeys.Inline(json)))
                .or(() -> command.jwksUri().map(url -> field("jwks_uri", () -> new ClientKeys.Remote(url))));
        if (keys.isPresent() && type == Client.Type.PUBLIC) {
            throw new InvalidField(command.jwks().isPresent() ? "jwks" : "jwks_uri",
                    "a public client has no keys; register it as confidential to let it sign assertions (private_key_jwt)");
        }
        if (grantTypes.contains(GrantType.PASSWORD) && !command.firstParty()) {
            throw new InvalidField("grant_types", "only a first-party client may use the password grant (RFC 9700)");
        }
        if (grantTypes.contains(GrantType.CLIENT_CREDENTIALS) && type != Client.Type.CONFIDENTIAL) {
            throw new InvalidField("grant_types", "only a confidential client may use the client credentials grant");
        }
        Optional<ClientSecretHash> secret = type == Client.Type.CONFIDENTIAL && keys.isEmpty()
                ? Optional.of(secretHash) : Optional.empty();
        try {
            return new Client(id, type, secret, command.firstParty(), false, grantTypes, scopes.map(Set::copyOf), audiences,
                    redirectUris, keys, postLogoutRedirectUris);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidField("client", invalid.getMessage());
        }
    }

    private static RedirectUri redirectUri(String text) {
        if (text.indexOf('#') >= 0) {
            throw new IllegalArgumentException("a redirect URI has no fragment (RFC 6749 section 3.1.2): '" + printable(text) + "'");
        }
        if (text.indexOf('*') >= 0) {
            throw new IllegalArgumentException("a redirect URI has no wildcard; register each one exactly (RFC 9700 "
                    + "section 4.1.3): '" + printable(text) + "'");
        }
        return new RedirectUri(text);
    }

    private static <T> List<T> each(String field, List<String> values, int max, Function<String, T> factory) {
        if (values.size() > max) {
            throw new InvalidField(field, "at most " + max + " values");
        }
        List<T> parsed = new ArrayList<>();
        for (String value : values) {
            parsed.add(field(field, () -> factory.apply(value)));
        }
        return parsed;
    }

    private static <T> T field(String field, java.util.function.Supplier<T> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException | NullPointerException invalid) {
            throw new InvalidField(field, String.valueOf(invalid.getMessage()));
        }
    }

    /** What an attacker typed, safe to echo: printable ASCII, at most 64 characters. */
    private static String printable(String text) {
        String safe = text.codePoints().map(c -> c >= 0x20 && c <= 0x7E ? c : '?').limit(64)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.length() > 64 ? safe + "..." : safe;
    }

    /** A wrong field, named as the request named it. */
    private static final class InvalidField extends RuntimeException {

        private final String field;

        InvalidField(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
