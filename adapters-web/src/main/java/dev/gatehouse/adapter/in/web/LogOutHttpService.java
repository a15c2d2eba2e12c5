package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.LogOutCommand;
import dev.gatehouse.application.port.in.LogOutResult;
import dev.gatehouse.application.port.in.LogOutUseCase;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code POST /logout}: ends the session of the bearer token, or with {@code everywhere=true} every session of its
 * user, which also stops every access token issued so far. {@code everywhere} may come as a query parameter or
 * as a field of a form body, not both; it is {@code true} or {@code false} (any case), {@code false} when left out.
 */
final class LogOutHttpService implements RoutedService {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String EVERYWHERE = "everywhere";

    private final LogOutUseCase logOut;
    private final WebSettings settings;

    LogOutHttpService(LogOutUseCase logOut, WebSettings settings) {
        this.logOut = Objects.requireNonNull(logOut, "logOut");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/logout", this::logOut));
    }

    private void logOut(ServerRequest request, ServerResponse response) {
        String token = BearerTokens.require(request);
        boolean everywhere = everywhere(request);

        switch (logOut.logOut(new LogOutCommand(token, everywhere, ClientAddresses.of(request, settings.addressing())))) {
            case LogOutResult.LoggedOut loggedOut -> {
                response.status(Status.NO_CONTENT_204);
                response.send();
            }
            case LogOutResult.InvalidToken invalid -> throw BearerTokens.invalidToken();
        }
    }

    /**
     * The one {@code everywhere} value of the query and the form body, {@code false} when neither has it. A body is
     * optional; when one is sent it must be a form. An error names the query when the query holds the value.
     */
    private static boolean everywhere(ServerRequest request) {
        FormBody query = FormBody.parse(request.query().rawValue().getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> HttpProblem.detail(Status.BAD_REQUEST_400, "Malformed query string"));
        List<String> values = new ArrayList<>(query.fields().getOrDefault(EVERYWHERE, List.of()));
        String where = values.isEmpty() ? "body" : "query";
        byte[] body = Requests.body(request);
        if (body.length > 0) {
            Requests.requireMediaType(request, FORM, "Content-Type must be " + FORM);
            FormBody form = FormBody.parse(body)
                    .orElseThrow(() -> HttpProblem.detail(Status.BAD_REQUEST_400, "Malformed form body"));
            values.addAll(form.fields().getOrDefault(EVERYWHERE, List.of()));
        }
        if (values.isEmpty()) {
            return false;
        }
        if (values.size() > 1) {
            throw HttpProblem.validation(FieldError.repeated(where, EVERYWHERE));
        }
        return switch (values.getFirst().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpProblem.validation(FieldError.notABoolean(where, EVERYWHERE));
        };
    }
}
