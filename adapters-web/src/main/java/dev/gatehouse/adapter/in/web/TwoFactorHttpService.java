package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.StartTwoFactorResult;
import dev.gatehouse.application.port.in.TwoFactorCommand;
import dev.gatehouse.application.port.in.TwoFactorResult;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.support.json.JsonCodec;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A signed-in user's second factor (Bearer token): {@code POST /users/me/two-factor} starts a TOTP enrolment and
 * answers the secret, its {@code otpauth://} URI and that URI's QR code as SVG; {@code POST /users/me/two-factor/confirm}
 * with {@code {"code"}} activates it and answers ten recovery codes, shown this once;
 * {@code DELETE /users/me/two-factor} with {@code {"code"}}, {@code {"recovery_code"}} or {@code {"password"}} removes it;
 * {@code POST /users/me/two-factor/recovery-codes} with {@code {"code"}} replaces the recovery codes.
 */
final class TwoFactorHttpService implements RoutedService {

    private static final String JSON = "application/json";
    private static final String BUSY = "Service busy, retry later";

    private final WebUseCases.TwoFactor useCases;
    private final WebSettings settings;

    TwoFactorHttpService(WebUseCases.TwoFactor useCases, WebSettings settings) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/users/me/two-factor", this::start),
                Route.delete("/users/me/two-factor", this::remove),
                Route.post("/users/me/two-factor/confirm", this::confirm),
                Route.post("/users/me/two-factor/recovery-codes", this::regenerate));
    }

    private void start(ServerRequest request, ServerResponse response) {
        String token = BearerTokens.require(request);
        switch (useCases.start().start(TwoFactorCommand.withToken(token, client(request)))) {
            case StartTwoFactorResult.Started(String secret, String uri) -> JsonResponses.send(response, Status.CREATED_201,
                    JsonCodec.BUILDERS.createObjectBuilder()
                            .add("secret", secret)
                            .add("otpauth_uri", uri)
                            .add("qr_code_svg", QrSvg.of(uri))
                            .build(), JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
            case StartTwoFactorResult.AlreadyActive active -> throw HttpProblem.detail(Status.CONFLICT_409,
                    "Two-factor sign-in is already active; remove it first");
            case StartTwoFactorResult.InvalidToken invalid -> throw BearerTokens.invalidToken();
            case StartTwoFactorResult.InactiveUser inactive -> throw inactiveUser();
        }
    }

    private void confirm(ServerRequest request, ServerResponse response) {
        String token = BearerTokens.require(request);
        JsonFields fields = new JsonFields(jsonBody(request));
        String code = fields.required("code", Function.identity());
        fields.throwIfInvalid();
        send(useCases.confirm().confirm(new TwoFactorCommand(token, Optional.of(code), Optional.empty(), Optional.empty(),
                client(request))), response, "No enrolment to confirm: start one first");
    }

    private void remove(ServerRequest request, ServerResponse response) {
        String token = BearerTokens.require(request);
        JsonFields fields = new JsonFields(jsonBody(request));
        Optional<String> code = fields.optional("code", Function.identity());
        Optional<String> recoveryCode = fields.optional("recovery_code", Function.identity());
        Optional<PlainPassword> password = fields.optional("password", PlainPassword::new);
        fields.throwIfInvalid();
        if (code.isEmpty() && recoveryCode.isEmpty() && password.isEmpty()) {
            throw HttpProblem.validation(FieldError.missing("code"));
        }
        send(useCases.remove().remove(new TwoFactorCommand(token, code, recoveryCode, password, client(request))), response,
                "Two-factor sign-in is not enrolled");
    }

    private void regenerate(ServerRequest request, ServerResponse response) {
        String token = BearerTokens.require(request);
        JsonFields fields = new JsonFields(jsonBody(request));
        String code = fields.required("code", Function.identity());
        fields.throwIfInvalid();
        send(useCases.regenerateRecoveryCodes().regenerate(new TwoFactorCommand(token, Optional.of(code), Optional.empty(),
                Optional.empty(), client(request))), response, "Two-factor sign-in is not active");
    }

    private static void send(TwoFactorResult result, ServerResponse response, String notEnrolled) {
        switch (result) {
            case TwoFactorResult.Done(List<String> codes) when codes.isEmpty() -> {
                response.status(Status.NO_CONTENT_204);
                response.header(JsonResponses.NO_STORE);
                response.send();
            }
            case TwoFactorResult.Done(List<String> codes) -> JsonResponses.send(response, Status.OK_200,
                    JsonCodec.BUILDERS.createObjectBuilder()
                            .add("recovery_codes", JsonCodec.BUILDERS.createArrayBuilder(codes))
                            .build(), JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
            case TwoFactorResult.WrongProof wrong -> throw HttpProblem.detail(Status.BAD_REQUEST_400,
                    "Wrong or already used code or password");
            case TwoFactorResult.NotEnrolled none -> throw HttpProblem.detail(Status.CONFLICT_409, notEnrolled);
            case TwoFactorResult.Throttled(Duration retryAfter) -> throw HttpProblem.detail(Status.TOO_MANY_REQUESTS_429,
                    "Too many attempts, retry later", JsonResponses.retryAfter(retryAfter));
            case TwoFactorResult.Overloaded(Duration retryAfter) -> throw HttpProblem.detail(Status.SERVICE_UNAVAILABLE_503,
                    BUSY, JsonResponses.retryAfter(retryAfter));
            case TwoFactorResult.InvalidToken invalid -> throw BearerTokens.invalidToken();
            case TwoFactorResult.InactiveUser inactive -> throw inactiveUser();
        }
    }

    private ClientAddress client(ServerRequest request) {
        return ClientAddresses.of(request, settings.addressing());
    }

    private static JsonObject jsonBody(ServerRequest request) {
        Requests.requireMediaType(request, JSON, "Content-Type must be " + JSON);
        return JsonCodec.parseObject(Requests.body(request))
                .orElseThrow(() -> HttpProblem.validation(FieldError.bodyNotAnObject()));
    }

    private static HttpProblem inactiveUser() {
        return HttpProblem.detail(Status.BAD_REQUEST_400, "Inactive user");
    }
}
