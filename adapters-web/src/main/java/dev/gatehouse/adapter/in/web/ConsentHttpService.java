package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.AnswerConsentCommand;
import dev.gatehouse.application.port.in.AnswerConsentResult;
import dev.gatehouse.application.port.in.AnswerConsentUseCase;
import dev.gatehouse.application.port.in.AuthorizationError;
import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.IssuedCode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The consent page's form coming back ({@code POST /authorize/consent}): the signed-in person allows a third-party
 * client what it asked for, or refuses. The page itself is shown by {@link AuthorizeHttpService} (after a sign-in, or
 * for a browser whose session is still good). The answer needs the browser's session and binding cookies (both scoped to
 * {@code /authorize}, so sent here) and the form's token; without them a 403 page, and nothing is decided. Allowed, the
 * browser goes back to the client with a code; refused, with {@code error=access_denied}, {@code state} and {@code iss}.
 */
final class ConsentHttpService implements RoutedService {

    static final String PATH = AuthorizeHttpService.PATH + "/consent";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String START_AGAIN = "Go back to the application you came from and choose to sign in again.";

    private final AnswerConsentUseCase answerConsent;
    private final WebSettings settings;
    private final RequestLimiter limiter;
    private final Pages pages = new Pages();

    ConsentHttpService(AnswerConsentUseCase answerConsent, WebSettings settings, RequestLimiter limiter) {
        this.answerConsent = Objects.requireNonNull(answerConsent, "answerConsent");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post(PATH, this::answer));
    }

    private void answer(ServerRequest request, ServerResponse response) {
        Optional<Duration> overBudget = limiter.admit(ClientAddresses.of(request, settings.addressing()));
        if (overBudget.isPresent()) {
            pages.problem(response, Status.TOO_MANY_REQUESTS_429, "Too many attempts",
                    "There were too many requests from your network just now.",
                    "Wait a little and try again.", JsonResponses.retryAfter(overBudget.get()));
            return;
        }
        if (!request.headers().contentType().map(type -> type.mediaType().text().equalsIgnoreCase(FORM)).orElse(false)) {
            badRequest(response, "It was not sent as a web form.");
            return;
        }
        Optional<FormBody> form = FormBody.parse(Requests.body(request));
        if (form.isEmpty()) {
            badRequest(response, "A character in it is not encoded properly.");
            return;
        }
        Optional<Boolean> allowed = form.get().isRepeated("decision") ? Optional.empty()
                : form.get().value("decision").flatMap(decision -> switch (decision) {
                    case "allow" -> Optional.of(true);
                    case "deny" -> Optional.of(false);
                    default -> Optional.empty();
                });
        if (allowed.isEmpty()) {
            badRequest(response, "It says neither Allow nor Deny.");
            return;
        }
        List<String> repeated = AuthorizationRequest.PARAMETERS.stream().filter(form.get()::isRepeated).toList();
        FormBody fields = form.get();
        AuthorizationRequest pending = new AuthorizationRequest(fields.value("response_type"), fields.value("client_id"),
                fields.value("redirect_uri"), fields.value("scope"), fields.value("state"), fields.value("code_challenge"),
                fields.value("code_challenge_method"), fields.value("nonce"), fields.value("prompt"), repeated,
                fields.value("max_age"));
        AnswerConsentCommand command = new AnswerConsentCommand(pending, fields.value(ConsentPages.FORM_TOKEN).orElse(""),
                cookie(request, AuthorizeHttpService.BINDING_COOKIE).orElse(""),
                cookie(request, AuthorizeHttpService.SESSION_COOKIE), allowed.get(),
                ClientAddresses.of(request, settings.addressing()));
        switch (answerConsent.answer(command)) {
            case AnswerConsentResult.Authorized(IssuedCode code) -> redirect(response, withIssuer(new StringBuilder(
                    code.redirectUri()).append(code.redirectUri().contains("?") ? '&' : '?')
                    .append("code=").append(encode(code.code())), code.state()));
            case AnswerConsentResult.FormRejected rejected -> pages.problem(response, Status.FORBIDDEN_403,
                    "This page has expired",
                    "The page was open too long, was opened in another browser, you signed out meanwhile, or it was not "
                            + "sent from this site. Nothing was allowed.", START_AGAIN);
            case AnswerConsentResult.Failed(AuthorizationError.Redirected(String uri, String error, String description,
                                                                          Optional<String> state)) ->
                    redirect(response, withIssuer(new StringBuilder(uri).append(uri.contains("?") ? '&' : '?')
                            .append("error=").append(encode(error))
                            .append("&error_description=").append(encode(description)), state));
            // The client or redirect URI are not to be trusted (any more): a page, never a redirect.
            case AnswerConsentResult.Failed failed -> badRequest(response,
                    "It names an application or a return address that is not registered here (any more).");
        }
    }

    private String withIssuer(StringBuilder location, Optional<String> state) {
        state.ifPresent(value -> location.append("&state=").append(encode(value)));
        return location.append("&iss=").append(encode(settings.discovery().issuer())).toString();
    }

    private void badRequest(ServerResponse response, String message) {
        pages.problem(response, Status.BAD_REQUEST_400, "This form could not be read", message, START_AGAIN
                + " If this keeps happening, tell the application's developers what this page says.");
    }

    private static void redirect(ServerResponse response, String location) {
        response.status(Status.SEE_OTHER_303);
        response.header(HeaderValues.create(HeaderNames.LOCATION, location));
        response.header(JsonResponses.NO_STORE);
        response.header(HeaderValues.create(HeaderNames.create("Referrer-Policy"), "no-referrer"));
        response.send();
    }

    private static Optional<String> cookie(ServerRequest request, String name) {
        return DeviceCookie.read(request.headers().all(HeaderNames.COOKIE, List::of), name);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
