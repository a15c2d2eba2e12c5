package dev.gatehouse.adapter.in.web;

import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientKeys;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.RegisteredClient;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.support.json.JsonCodec;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A client registered as data, as administrators see it. It lists its fields explicitly: the secret's hash never
 * reaches a response; a generated secret appears once, in the answer that created it.
 */
final class ClientResponse {

    private ClientResponse() {
    }

    static JsonObject of(RegisteredClient registered, Optional<String> secret) {
        Client client = registered.client();
        JsonObjectBuilder json = JsonCodec.BUILDERS.createObjectBuilder()
                .add("client_id", client.id().value())
                .add("type", client.type() == Client.Type.PUBLIC ? "public" : "confidential")
                .add("first_party", client.firstParty())
                .add("has_secret", client.secretHash().isPresent())
                .add("redirect_uris", strings(client.redirectUris().stream().map(RedirectUri::value).toList()))
                .add("post_logout_redirect_uris", strings(client.postLogoutRedirectUris().stream().map(RedirectUri::value).toList()))
                .add("grant_types", strings(client.grantTypes().stream().map(GrantType::value).sorted().toList()))
                .add("scopes", client.scopes().<JsonValue>map(scopes ->
                        strings(scopes.stream().map(Scope::value).sorted().toList()).build()).orElse(JsonValue.NULL))
                .add("audiences", strings(client.audiences().stream().map(Audience::value).toList()))
                .add("jwks", client.keys().filter(ClientKeys.Inline.class::isInstance)
                        .flatMap(inline -> JsonCodec.parseObject(((ClientKeys.Inline) inline).jwks()))
                        .<JsonValue>map(object -> object).orElse(JsonValue.NULL))
                .add("jwks_uri", client.keys().filter(ClientKeys.Remote.class::isInstance)
                        .<JsonValue>map(remote -> Json.createValue(((ClientKeys.Remote) remote).url())).orElse(JsonValue.NULL))
                .add("registered_at", DateTimeFormatter.ISO_INSTANT.format(registered.registeredAt()));
        secret.ifPresent(shownOnce -> json.add("client_secret", shownOnce));
        return json.build();
    }

    static JsonObject of(List<RegisteredClient> clients) {
        JsonArrayBuilder all = JsonCodec.BUILDERS.createArrayBuilder();
        clients.forEach(client -> all.add(of(client, Optional.empty())));
        return JsonCodec.BUILDERS.createObjectBuilder().add("clients", all).build();
    }

    private static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder array = JsonCodec.BUILDERS.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
