package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.ConsentForm;
import dev.gatehouse.application.port.in.IssuedCode;
import dev.gatehouse.application.port.in.SignInCodeForm;
import dev.gatehouse.application.port.in.SignInWithCodeCommand;
import dev.gatehouse.application.port.in.SignInWithCodeResult;
import dev.gatehouse.application.port.in.SignInWithCodeUseCase;
import dev.gatehouse.domain.ClientAddress;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sign-in page's second step ({@code POST /authorize/code}): after the right password for an account with a
 * second factor, {@link AuthorizeHttpService} shows the code form; it comes back here with its form token, its
 * challenge and the code (or a recovery code). Signed in, the browser gets its session and known-device cookies (as
 * after a password alone) and goes back to the client with the code; a wrong code shows the form again, saying what to
 * do; a form that is not this browser's, for this request and this challenge, or whose challenge expired or was used,
 * gets a page that says to start again. The cookies are those of {@code /authorize}, whose path covers this one.
 */
final class SignInCodeHttpService implements RoutedService {

    static final String PATH = AuthorizeHttpService.PATH + "/code";
    private static final String FORM_TOKEN = "form_token";
    private static final String CHALLENGE = "challenge";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAX_CODE_LENGTH = 64;

    private final SignInWithCodeUseCase signInWithCode;
    private final WebSettings settings;
    private final RequestLimiter limiter;
    private final Pages pages = new Pages();

    SignInCodeHttpService(SignInWithCodeUseCase signInWithCode, WebSettings settings, RequestLimiter limiter) {
        this.signInWithCode = Objects.requireNonNull(signInWithCode, "signInWithCode");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post(PATH, this::signIn));
    }

    /** The page of a second-step form: the pending request, its token and challenge as hidden fields, and an error. */
    static Pages.SignInCodePage page(SignInCodeForm form, String error) {
        List<Map.Entry<String, String>> hidden = new ArrayList<>();
        for (String name : AuthorizationRequest.PARAMETERS) {
            form.request().parameter(name).ifPresent(value -> hidden.add(Map.entry(name, value)));
        }
        hidden.add(Map.entry(FORM_TOKEN, form.formToken()));
        hidden.add(Map.entry(CHALLENGE, form.challenge()));
        return new Pages.SignInCodePage(form.clientName(), hidden, error);
    }

    private void signIn(ServerRequest request, ServerResponse response) {
        ClientAddress client = ClientAddresses.of(request, settings.addressing());
        Optional<Duration> overBudget = limiter.admit(client);
        if (overBudget.isPresent()) {
            pages.problem(response, Status.TOO_MANY_REQUESTS_429, "Too many attempts",
                    "There were too many sign-in attempts from your network just now.",
                    "Wait " + AuthorizeHttpService.seconds(overBudget.get()) + " and try again.",
                    JsonResponses.retryAfter(overBudget.get()));
            return;
        }
        if (!request.headers().contentType().map(type -> type.mediaType().text().equalsIgnoreCase(FORM)).orElse(false)) {
            badRequestPage(response, "It was not sent as a web form.");
            return;
        }
        Optional<FormBody> form = FormBody.parse(Requests.body(request));
        if (form.isEmpty()) {
            badRequestPage(response, "A character in it is not encoded properly.");
            return;
        }
        AuthorizationRequest pending = AuthorizeHttpService.requestOf(form.get());
        String formToken = form.get().value(FORM_TOKEN).orElse("");
        String challenge = form.get().value(CHALLENGE).orElse("");
        // People type codes with spaces ("123 456"), as apps show them; the check itself never throws on input.
        Optional<String> code = form.get().value("code").map(typed -> typed.replace(" ", "").strip()).filter(typed -> !typed.isEmpty());
        Optional<String> recoveryCode = form.get().value("recovery_code").map(String::strip).filter(typed -> !typed.isEmpty());
        SignInCodeForm again = new SignInCodeForm(pending.withoutPrompt(), pending.clientId().orElse(""), formToken, challenge);
        if (code.isEmpty() && recoveryCode.isEmpty()) {
            // Nothing to check: the same form again (its token still holds), saying what is missing.
            pages.signInCode(response, Status.BAD_REQUEST_400, page(again, "Enter the 6-digit code your authenticator app "
                    + "shows now, or one of your recovery codes."));
            return;
        }
        if (code.map(String::length).orElse(0) > MAX_CODE_LENGTH || recoveryCode.map(String::length).orElse(0) > MAX_CODE_LENGTH) {
            pages.signInCode(response, Status.BAD_REQUEST_400, page(again, "That is longer than any code here; enter the "
                    + "6 digits your authenticator app shows now, or one of your recovery codes."));
            return;
        }
        SignInWithCodeCommand command = new SignInWithCodeCommand(pending, formToken, challenge,
                AuthorizeHttpService.cookie(request, AuthorizeHttpService.BINDING_COOKIE).orElse(""), code, recoveryCode, client);
        switch (signInWithCode.signIn(command)) {
            case SignInWithCodeResult.SignedIn(IssuedCode issued, String session, Duration lifetime, String knownDevice) -> {
                AuthorizeHttpService.startSession(response, settings, session, lifetime, knownDevice);
                AuthorizeHttpService.redirect(response, Status.SEE_OTHER_303, codeUri(issued));
            }
            case SignInWithCodeResult.ConsentRequired(ConsentForm consent, String session, Duration lifetime, String knownDevice) -> {
                AuthorizeHttpService.startSession(response, settings, session, lifetime, knownDevice);
                pages.consent(response, Status.OK_200, ConsentPages.page(consent));
            }
            case SignInWithCodeResult.WrongCode(SignInCodeForm form2) -> pages.signInCode(response, Status.UNAUTHORIZED_401,
                    page(form2, "That code is not right, or it was already used. Enter the code your authenticator app "
                            + "shows now (a new one appears every 30 seconds), or one of your recovery codes."));
            case SignInWithCodeResult.Throttled(SignInCodeForm form2, Duration retryAfter) -> pages.signInCode(response,
                    Status.TOO_MANY_REQUESTS_429, page(form2, "That code is not right, and there have been too many "
                            + "attempts. Wait " + AuthorizeHttpService.seconds(retryAfter) + ", then enter the code your "
                            + "authenticator app shows then."), JsonResponses.retryAfter(retryAfter));
            case SignInWithCodeResult.ChallengeExpired expired -> pages.problem(response, Status.FORBIDDEN_403,
                    "This sign-in has expired",
                    "The code was not entered within 5 minutes of the password, this form was already used, or the "
                            + "account changed meanwhile. Nothing was issued.",
                    AuthorizeHttpService.START_AGAIN);
            case SignInWithCodeResult.FormRejected rejected -> pages.problem(response, Status.FORBIDDEN_403,
                    "This sign-in form has expired",
                    "The form was open too long, was opened in another browser, or was not sent from this site.",
                    AuthorizeHttpService.START_AGAIN);
            case SignInWithCodeResult.Failed failed -> pages.problem(response, Status.BAD_REQUEST_400,
                    "This sign-in cannot go on",
                    "The application's sign-in request carried by this form is not valid (any more).",
                    AuthorizeHttpService.START_AGAIN);
        }
    }

    private void badRequestPage(ServerResponse response, String message) {
        pages.problem(response, Status.BAD_REQUEST_400, "This sign-in form could not be read", message,
                AuthorizeHttpService.START_AGAIN + " If this keeps happening, tell the application's developers what this page says.");
    }

    private String codeUri(IssuedCode code) {
        StringBuilder location = new StringBuilder(code.redirectUri()).append(code.redirectUri().contains("?") ? '&' : '?')
                .append("code=").append(encode(code.code()));
        code.state().ifPresent(state -> location.append("&state=").append(encode(state)));
        return location.append("&iss=").append(encode(settings.discovery().issuer())).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
