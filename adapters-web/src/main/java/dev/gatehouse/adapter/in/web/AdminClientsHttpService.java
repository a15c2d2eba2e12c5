package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ClientAction;
import dev.gatehouse.application.port.in.RegisterClientCommand;
import dev.gatehouse.application.port.in.RegisterClientResult;
import dev.gatehouse.application.port.in.RemoveClientResult;
import dev.gatehouse.application.port.in.RotateClientSecretResult;
import dev.gatehouse.application.port.in.ShowClientResult;
import dev.gatehouse.domain.RegisteredClient;
import dev.gatehouse.support.json.JsonCodec;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The clients registered as data, under {@code /admin/clients}: register (the generated secret is in that answer
 * only), list, show, remove (its sessions end) and replace the secret. Gated like every {@code /admin/} resource: a
 * bearer token with the {@code admin} scope of an active user. The use cases check the registration; this class only
 * reads the JSON into their command and words their answer.
 */
final class AdminClientsHttpService implements RoutedService {

    static final String CLIENTS = "/admin/clients";
    private static final String CLIENT = CLIENTS + "/{client_id}";
    private static final String JSON = "application/json";

    private final WebUseCases.ClientAdministration useCases;
    private final WebSettings settings;

    AdminClientsHttpService(WebUseCases.ClientAdministration useCases, WebSettings settings) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get(CLIENTS, this::list),
                Route.post(CLIENTS, this::register),
                Route.get(CLIENT, this::show),
                Route.delete(CLIENT, this::remove),
                Route.post(CLIENT + "/secret", this::rotateSecret));
    }

    private void list(ServerRequest request, ServerResponse response) {
        List<RegisteredClient> clients = switch (useCases.listClients().list(Actor.bearer(BearerTokens.require(request)))) {
            case AdminResult.Done<List<RegisteredClient>> done -> done.value();
            case AdminResult.Refused<List<RegisteredClient>> refused -> throw AdminHttpService.refused(refused.refusal());
        };
        JsonResponses.send(response, Status.OK_200, ClientResponse.of(clients), JsonResponses.NO_STORE);
    }

    private void register(ServerRequest request, ServerResponse response) {
        // The token first, so a request without one learns nothing else.
        Actor actor = Actor.bearer(BearerTokens.require(request));
        Requests.requireMediaType(request, JSON, "Content-Type must be " + JSON);
        JsonObject body = JsonCodec.parseObject(Requests.body(request))
                .orElseThrow(() -> HttpProblem.validation(FieldError.bodyNotAnObject()));
        switch (useCases.registerClient().register(command(actor, body, request))) {
            case RegisterClientResult.Registered registered -> {
                response.header(HeaderValues.create(HeaderNames.LOCATION, CLIENTS + "/" + registered.client().id().value()));
                JsonResponses.send(response, Status.CREATED_201, ClientResponse.of(registered.client(), registered.secret()),
                        JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
            }
            case RegisterClientResult.Invalid invalid -> throw HttpProblem.validation(FieldError.invalid(invalid.field(),
                    invalid.message()));
            case RegisterClientResult.IdTaken taken -> throw HttpProblem.detail(Status.CONFLICT_409,
                    "A client with the id '" + taken.id() + "' is registered already");
            case RegisterClientResult.Refused refused -> throw AdminHttpService.refused(refused.refusal());
        }
    }

    private RegisterClientCommand command(Actor actor, JsonObject body, ServerRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String clientId = string(body, "client_id", errors, true).orElse("");
        String type = string(body, "type", errors, true).orElse("");
        boolean firstParty = false;
        JsonValue firstPartyValue = body.get("first_party");
        if (firstPartyValue == JsonValue.TRUE) {
            firstParty = true;
        } else if (firstPartyValue != null && firstPartyValue != JsonValue.FALSE && firstPartyValue != JsonValue.NULL) {
            errors.add(FieldError.notABoolean("body", "first_party"));
        }
        List<String> redirectUris = strings(body, "redirect_uris", errors).orElse(List.of());
        List<String> postLogoutRedirectUris = strings(body, "post_logout_redirect_uris", errors).orElse(List.of());
        Optional<List<String>> grantTypes = strings(body, "grant_types", errors);
        Optional<List<String>> scopes = strings(body, "scopes", errors);
        List<String> audiences = strings(body, "audiences", errors).orElse(List.of());
        Optional<String> jwks = Optional.empty();
        JsonValue jwksValue = body.get("jwks");
        if (jwksValue instanceof JsonObject object) {
            jwks = Optional.of(object.toString());
        } else if (jwksValue != null && jwksValue != JsonValue.NULL) {
            errors.add(new FieldError(List.of("body", "jwks"), "a JSON Web Key Set object ({\"keys\": [...]}) expected",
                    "type_error.dict"));
        }
        Optional<String> jwksUri = string(body, "jwks_uri", errors, false);
        if (!errors.isEmpty()) {
            throw HttpProblem.validation(errors);
        }
        return new RegisterClientCommand(actor, clientId, type, firstParty, redirectUris, grantTypes, scopes, audiences, jwks,
                jwksUri, ClientAddresses.of(request, settings.addressing()), postLogoutRedirectUris);
    }

    private static Optional<String> string(JsonObject body, String field, List<FieldError> errors, boolean required) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                errors.add(value == null ? FieldError.missing(field) : FieldError.isNull(field));
            }
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        errors.add(FieldError.notAString(field));
        return Optional.empty();
    }

    private static Optional<List<String>> strings(JsonObject body, String field, List<FieldError> errors) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
            return Optional.of(array.stream().map(item -> ((JsonString) item).getString()).toList());
        }
        errors.add(new FieldError(List.of("body", field), "a list of strings expected", "type_error.list"));
        return Optional.empty();
    }

    private void show(ServerRequest request, ServerResponse response) {
        switch (useCases.showClient().show(action(request))) {
            case ShowClientResult.Found found -> JsonResponses.send(response, Status.OK_200,
                    ClientResponse.of(found.client(), Optional.empty()), JsonResponses.NO_STORE);
            case ShowClientResult.NoSuchClient none -> throw noSuchClient();
            case ShowClientResult.Refused refused -> throw AdminHttpService.refused(refused.refusal());
        }
    }

    private void remove(ServerRequest request, ServerResponse response) {
        switch (useCases.removeClient().remove(action(request))) {
            case RemoveClientResult.Removed removed -> JsonResponses.send(response, Status.OK_200,
                    JsonCodec.BUILDERS.createObjectBuilder().add("client_id", removed.id().value())
                            .add("sessions_ended", removed.sessionsEnded()).build(), JsonResponses.NO_STORE);
            case RemoveClientResult.NoSuchClient none -> throw noSuchClient();
            case RemoveClientResult.Configured configured -> throw inSettings();
            case RemoveClientResult.Refused refused -> throw AdminHttpService.refused(refused.refusal());
        }
    }

    private void rotateSecret(ServerRequest request, ServerResponse response) {
        switch (useCases.rotateClientSecret().rotate(action(request))) {
            case RotateClientSecretResult.Rotated rotated -> JsonResponses.send(response, Status.OK_200,
                    JsonCodec.BUILDERS.createObjectBuilder().add("client_id", rotated.id().value())
                            .add("client_secret", rotated.secret()).build(), JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
            case RotateClientSecretResult.NoSuchClient none -> throw noSuchClient();
            case RotateClientSecretResult.Configured configured -> throw inSettings();
            case RotateClientSecretResult.NoSecret noSecret -> throw HttpProblem.detail(Status.CONFLICT_409,
                    "The client has no secret to replace: it is public, or proves itself with its keys");
            case RotateClientSecretResult.Refused refused -> throw AdminHttpService.refused(refused.refusal());
        }
    }

    /** The token first, so a request without one learns nothing else. */
    private ClientAction action(ServerRequest request) {
        Actor actor = Actor.bearer(BearerTokens.require(request));
        return new ClientAction(actor, request.path().pathParameters().get("client_id"),
                ClientAddresses.of(request, settings.addressing()));
    }

    private static HttpProblem noSuchClient() {
        return HttpProblem.detail(Status.NOT_FOUND_404, "Client not found");
    }

    private static HttpProblem inSettings() {
        return HttpProblem.detail(Status.CONFLICT_409,
                "The client is registered in the settings (GATEHOUSE_CLIENTS): change it there");
    }
}
