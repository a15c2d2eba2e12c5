package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.security.JwtSettings;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientKeys;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.support.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the registered client applications from {@code GATEHOUSE_CLIENTS}: a comma-separated list of
 * {@code id:public|confidential[:first-party|third-party]} (third-party when left out, the safer default), e.g.
 * {@code web-app:public:first-party,reporting:confidential}. A confidential client's secret comes from its own
 * setting, {@code GATEHOUSE_CLIENT_SECRET_<ID>} (the id upper-cased, {@code -}, {@code .} and {@code ~} as {@code _}):
 * the secret itself, at least {@value #MIN_SECRET_BYTES} bytes ({@code openssl rand -hex 32}), or its SHA-256 as
 * {@code sha256:<64 hex digits>}, so that the setting need not hold the secret. Only the hash is kept.
 * {@code GATEHOUSE_INTROSPECTION_CLIENTS} names the confidential clients that are resource servers allowed to
 * introspect tokens. Anything else stops the start with a message naming the setting.
 */
final class ClientSettings {

    static final String CLIENTS = SettingsCatalogue.CLIENTS.name();
    static final int MIN_SECRET_BYTES = 32;
    /** Stricter than a client id in general: the list's separators and the secret setting's name must stay unambiguous. */
    private static final Pattern CONFIGURABLE_ID = Pattern.compile("[A-Za-z0-9._~-]{1," + ClientId.MAX_LENGTH + "}");
    private static final Pattern SHA_256 = Pattern.compile("sha256:([0-9a-fA-F]{64})");

    private ClientSettings() {
    }

    /** The clients, in the order listed; none when {@code GATEHOUSE_CLIENTS} is unset (client authentication off). */
    static List<Client> from(SettingSource source) {
        Optional<String> list = SettingsCatalogue.CLIENTS.read(source);
        if (list.isEmpty()) {
            // An introspecting client named without any registered is a mistake, not nothing.
            return registrations(allowIntrospection(List.of(), source), source);
        }
        List<Client> clients = new ArrayList<>();
        Map<String, String> idBySecretSetting = new HashMap<>();
        for (String entry : list.get().split(",", -1)) {
            Client client = client(entry.strip(), source);
            String secretSetting = secretSetting(client.id());
            String other = idBySecretSetting.putIfAbsent(secretSetting, client.id().value());
            if (other != null) {
                throw new InvalidSettingException(CLIENTS + " lists '" + other + "' and '" + client.id()
                        + "', which are the same client or would share the setting " + secretSetting + "; rename one");
            }
            // A blank secret says nothing, so it does not contradict "public".
            if (client.type() == Client.Type.PUBLIC && secret(client.id()).text(source).filter(text -> !text.isBlank()).isPresent()) {
                throw new InvalidSettingException(secretSetting + " is set, but " + CLIENTS + " lists '" + client.id()
                        + "' as public, and a public client has no secret; unset it, or make the client confidential");
            }
            if (client.type() == Client.Type.PUBLIC && jwks(client.id()).text(source).filter(text -> !text.isBlank()).isPresent()) {
                throw new InvalidSettingException(jwks(client.id()).name() + " is set, but " + CLIENTS + " lists '" + client.id()
                        + "' as public, and a public client has no keys; unset it, or make the client confidential");
            }
            clients.add(client);
        }
        return registrations(allowIntrospection(clients, source), source);
    }

    /**
     * What each client's registration adds beside its type: audiences ({@code GATEHOUSE_CLIENT_AUDIENCES}), grants
     * ({@code GATEHOUSE_CLIENT_GRANTS}), scopes ({@code GATEHOUSE_CLIENT_SCOPES}) and redirect URIs
     * ({@code GATEHOUSE_CLIENT_REDIRECT_URIS}, {@code GATEHOUSE_CLIENT_POST_LOGOUT_REDIRECT_URIS}); each names only listed
     * clients, each once.
     */
    private static List<Client> registrations(List<Client> listed, SettingSource source) {
        Map<String, Client> byId = new java.util.LinkedHashMap<>();
        listed.forEach(client -> byId.put(client.id().value(), client));
        perClient(SettingsCatalogue.CLIENT_AUDIENCES, byId, source, (client, values) ->
                client.withAudiences(values.stream().map(Audience::new).toList()));
        perClient(SettingsCatalogue.CLIENT_SCOPES, byId, source, (client, values) ->
                client.withScopes(values.stream().map(Scope::new).toList()));
        perClient(SettingsCatalogue.CLIENT_REDIRECT_URIS, byId, source, (client, values) ->
                client.withRedirectUris(values.stream().map(RedirectUri::new).toList()));
        perClient(SettingsCatalogue.CLIENT_POST_LOGOUT_REDIRECT_URIS, byId, source, (client, values) ->
                client.withPostLogoutRedirectUris(values.stream().map(RedirectUri::new).toList()));
        perClient(SettingsCatalogue.CLIENT_GRANTS, byId, source, (client, values) ->
                client.withGrantTypes(values.stream().map(value -> GrantType.parse(value).orElseThrow(() ->
                        new IllegalArgumentException("'" + printable(value) + "' is not a grant type; use password, refresh_token, "
                                + "authorization_code or client_credentials"))).toList()));
        return List.copyOf(byId.values());
    }

    private static void perClient(Setting<List<Map.Entry<String, List<String>>>> setting, Map<String, Client> byId,
                                  SettingSource source, java.util.function.BiFunction<Client, List<String>, Client> apply) {
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Map.Entry<String, List<String>> entry : setting.read(source).orElse(List.of())) {
            Client client = byId.get(entry.getKey());
            if (client == null) {
                throw new InvalidSettingException(setting.name() + " names '" + printable(entry.getKey())
                        + "', which " + CLIENTS + " does not register");
            }
            if (!named.add(entry.getKey())) {
                throw new InvalidSettingException(setting.name() + " names the client '" + entry.getKey() + "' twice");
            }
            try {
                byId.put(entry.getKey(), apply.apply(client, entry.getValue()));
            } catch (IllegalArgumentException invalid) {
                throw new InvalidSettingException(setting.name() + ": client '" + entry.getKey() + "': " + invalid.getMessage());
            }
        }
    }

    /** Marks the clients {@code GATEHOUSE_INTROSPECTION_CLIENTS} names; each must be a listed confidential client. */
    private static List<Client> allowIntrospection(List<Client> clients, SettingSource source) {
        String setting = SettingsCatalogue.INTROSPECTION_CLIENTS.name();
        List<String> ids = SettingsCatalogue.INTROSPECTION_CLIENTS.read(source).stream()
                .flatMap(list -> java.util.Arrays.stream(list.split(",", -1))).map(String::strip).toList();
        List<Client> marked = new ArrayList<>(clients);
        for (String id : ids) {
            int index = -1;
            for (int i = 0; i < marked.size(); i++) {
                if (marked.get(i).id().value().equals(id)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new InvalidSettingException(setting + " names '" + printable(id) + "', which " + CLIENTS
                        + " does not list; list it there as id:confidential");
            }
            if (marked.get(index).type() != Client.Type.CONFIDENTIAL) {
                throw new InvalidSettingException(setting + " names '" + id + "', a public client; only a confidential "
                        + "client, which proves itself with a secret, may introspect tokens");
            }
            marked.set(index, marked.get(index).allowedToIntrospect());
        }
        return List.copyOf(marked);
    }

    /** The name of the setting that holds the secret of a confidential client. */
    static String secretSetting(ClientId id) {
        return secret(id).name();
    }

    private static Setting<String> secret(ClientId id) {
        return SettingsCatalogue.CLIENT_SECRET.member(id.value().toUpperCase(Locale.ROOT).replaceAll("[-.~]", "_"));
    }

    private static Client client(String entry, SettingSource source) {
        String[] fields = entry.split(":", -1);
        if (fields.length < 2 || fields.length > 3 || !CONFIGURABLE_ID.matcher(fields[0]).matches()) {
            throw new InvalidSettingException(CLIENTS + " must list clients as id:public|confidential[:first-party|third-party], "
                    + "separated by commas, each id 1 to " + ClientId.MAX_LENGTH + " of A-Z a-z 0-9 . _ ~ -, "
                    + "e.g. web-app:public:first-party,reporting:confidential; got '" + printable(entry) + "'");
        }
        ClientId id = new ClientId(fields[0]);
        if (id.value().equals(JwtSettings.DEFAULT_CLIENT_ID)) {
            throw new InvalidSettingException(CLIENTS + ": '" + id + "' names the tokens of no registered client; choose another id");
        }
        boolean firstParty = switch (fields.length == 3 ? fields[2].strip().toLowerCase(Locale.ROOT) : "third-party") {
            case "first-party" -> true;
            case "third-party" -> false;
            default -> throw new InvalidSettingException(CLIENTS + ": client '" + id
                    + "' must be first-party or third-party, got '" + printable(fields[2]) + "'");
        };
        return switch (fields[1].strip().toLowerCase(Locale.ROOT)) {
            case "public" -> Client.publicClient(id, firstParty);
            case "confidential" -> confidential(id, firstParty, source);
            default -> throw new InvalidSettingException(CLIENTS + ": client '" + id
                    + "' must be public or confidential, got '" + printable(fields[1]) + "'");
        };
    }

    /** A confidential client proves itself with its secret, its keys, or either. */
    private static Client confidential(ClientId id, boolean firstParty, SettingSource source) {
        Optional<ClientKeys> keys = jwks(id).read(source).filter(text -> !text.isBlank()).map(text -> keys(id, text));
        if (keys.isPresent() && secret(id).read(source).filter(text -> !text.isBlank()).isEmpty()) {
            return Client.confidential(id, keys.get(), firstParty);
        }
        Client client = Client.confidential(id, secretHash(id, source), firstParty);
        return keys.map(client::withKeys).orElse(client);
    }

    /** An inline key set must be a JSON object with a {@code keys} array; anything else is the URL where it is published. */
    private static ClientKeys keys(ClientId id, String text) {
        String setting = jwks(id).name();
        try {
            if (text.strip().startsWith("{")) {
                boolean keySet = JsonCodec.parseObject(text)
                        .filter(jwks -> jwks.get("keys") instanceof jakarta.json.JsonArray array && !array.isEmpty()).isPresent();
                if (!keySet) {
                    throw new InvalidSettingException(setting + " must be a JSON Web Key Set with at least one key "
                            + "({\"keys\":[{\"kty\":\"RSA\",...}]}) or the https URL of one");
                }
                return new ClientKeys.Inline(text);
            }
            return new ClientKeys.Remote(text.strip());
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException(setting + ": " + invalid.getMessage());
        }
    }

    private static Setting<String> jwks(ClientId id) {
        return SettingsCatalogue.CLIENT_JWKS.member(id.value().toUpperCase(Locale.ROOT).replaceAll("[-.~]", "_"));
    }

    /**
     * SHA-256 is enough for a secret of 256 random bits (nothing to guess; argon2 is for passwords people choose),
     * which is why a short secret is refused rather than hashed harder.
     */
    private static ClientSecretHash secretHash(ClientId id, SettingSource source) {
        String setting = secretSetting(id);
        String value = secret(id).read(source).orElseThrow(() -> new InvalidSettingException(
                setting + " is not set, but " + CLIENTS + " lists '" + id + "' as confidential: set it to the client's secret "
                        + "(at least " + MIN_SECRET_BYTES + " bytes, e.g. openssl rand -hex 32) or to sha256:<its SHA-256 in hex>, "
                        + "or set " + jwks(id).name() + " to its public keys"));
        if (value.startsWith("sha256:")) {
            var hash = SHA_256.matcher(value);
            if (!hash.matches()) {
                throw new InvalidSettingException(setting + " must be the secret or sha256: and 64 hex digits "
                        + "(printf %s \"$SECRET\" | sha256sum)");
            }
            return new ClientSecretHash(hash.group(1).toLowerCase(Locale.ROOT));
        }
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_SECRET_BYTES) {
            throw new InvalidSettingException(setting + " must be at least " + MIN_SECRET_BYTES + " bytes, got " + length
                    + "; generate one with: openssl rand -hex 32");
        }
        return ClientSecretHash.of(value);
    }

    /** A setting's text, safe to quote in a one-line message. */
    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
