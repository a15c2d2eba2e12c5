package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.EndBrowserSessionCommand;
import dev.gatehouse.application.port.in.EndBrowserSessionResult;
import dev.gatehouse.application.port.in.EndBrowserSessionUseCase;
import dev.gatehouse.domain.ClientAddress;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET} and {@code POST /authorize/end-session}: OpenID Connect RP-Initiated Logout 1.0. It lives under
 * {@code /authorize} because the browser session and binding cookies are scoped to that path: the browser sends them
 * here and to no other endpoint of the API. With an {@code id_token_hint} for this very browser session the person is
 * logged out at once; otherwise a page asks them (its form's token is bound to the browser's binding cookie, so another
 * site cannot post it). Logged out, the session cookie is cleared and the browser goes to the client's registered
 * {@code post_logout_redirect_uri} with its {@code state}, or to a page saying so. A request that cannot be trusted (an
 * unreadable hint, an unknown client, an unregistered return address) gets a page and is never redirected.
 */
final class EndSessionHttpService implements RoutedService {

    static final String PATH = AuthorizationServerMetadataHttpService.END_SESSION;
    private static final String FORM_TOKEN = "form_token";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String GO_BACK = "Go back to the application you came from; you may still be signed in.";

    private final EndBrowserSessionUseCase endBrowserSession;
    private final WebSettings settings;
    private final Pages pages = new Pages();

    EndSessionHttpService(EndBrowserSessionUseCase endBrowserSession, WebSettings settings) {
        this.endBrowserSession = Objects.requireNonNull(endBrowserSession, "endBrowserSession");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get(PATH, this::fromQuery), Route.post(PATH, this::fromForm));
    }

    private void fromQuery(ServerRequest request, ServerResponse response) {
        Optional<FormBody> query = FormBody.parse(request.query().rawValue().getBytes(StandardCharsets.UTF_8));
        if (query.isEmpty()) {
            unreadable(response);
            return;
        }
        // A confirmation comes back only by POST: a link cannot carry the person's consent.
        handle(request, response, query.get(), false);
    }

    private void fromForm(ServerRequest request, ServerResponse response) {
        if (!request.headers().contentType().map(type -> type.mediaType().text().equalsIgnoreCase(FORM)).orElse(false)) {
            unreadable(response);
            return;
        }
        Optional<FormBody> form = FormBody.parse(Requests.body(request));
        if (form.isEmpty()) {
            unreadable(response);
            return;
        }
        handle(request, response, form.get(), true);
    }

    private void handle(ServerRequest request, ServerResponse response, FormBody parameters, boolean posted) {
        List<Header> cookies = new ArrayList<>();
        String binding = binding(request, cookies);
        EndBrowserSessionCommand command = new EndBrowserSessionCommand(parameters.value("id_token_hint"),
                parameters.value("client_id"), parameters.value("post_logout_redirect_uri"), parameters.value("state"),
                cookie(request, AuthorizeHttpService.SESSION_COOKIE), binding,
                posted ? parameters.value(FORM_TOKEN) : Optional.empty(), client(request));
        switch (endBrowserSession.endSession(command)) {
            case EndBrowserSessionResult.LoggedOut(Optional<String> returnTo) -> {
                cookies.add(HeaderValues.create(HeaderNames.SET_COOKIE, AuthorizeHttpService.SESSION_COOKIE
                        + "=; Path=" + AuthorizeHttpService.PATH + "; Max-Age=0; HttpOnly; SameSite=Lax"
                        + (settings.secureCookies() ? "; Secure" : "")));
                if (returnTo.isPresent()) {
                    response.status(Status.SEE_OTHER_303);
                    response.header(HeaderValues.create(HeaderNames.LOCATION, returnTo.get()));
                    response.header(JsonResponses.NO_STORE);
                    response.header(HeaderValues.create(HeaderNames.create("Referrer-Policy"), "no-referrer"));
                    cookies.forEach(header -> response.headers().add(header));
                    response.send();
                } else {
                    pages.loggedOut(response, cookies.toArray(Header[]::new));
                }
            }
            case EndBrowserSessionResult.ConfirmationRequired ask -> {
                List<Map.Entry<String, String>> hidden = new ArrayList<>();
                ask.clientId().ifPresent(value -> hidden.add(Map.entry("client_id", value)));
                ask.postLogoutRedirectUri().ifPresent(value -> hidden.add(Map.entry("post_logout_redirect_uri", value)));
                ask.state().ifPresent(value -> hidden.add(Map.entry("state", value)));
                hidden.add(Map.entry(FORM_TOKEN, ask.formToken()));
                pages.confirmLogOut(response, PATH, ask.username(), ask.clientId().orElse(""), hidden,
                        cookies.toArray(Header[]::new));
            }
            case EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason reason) -> refused(response, reason);
        }
    }

    private void refused(ServerResponse response, EndBrowserSessionResult.Reason reason) {
        switch (reason) {
            case INVALID_ID_TOKEN_HINT -> pages.problem(response, Status.BAD_REQUEST_400, "This logout link cannot be trusted",
                    "It carries a token (id_token_hint) that this server did not issue. Nothing was changed.", GO_BACK);
            case UNKNOWN_CLIENT -> pages.problem(response, Status.BAD_REQUEST_400, "This application is not known here",
                    "The logout link names an application (client_id) that is not registered on this server, or not the "
                            + "one its token was issued to. Nothing was changed.", GO_BACK);
            case UNREGISTERED_POST_LOGOUT_REDIRECT_URI -> pages.problem(response, Status.BAD_REQUEST_400,
                    "This logout link cannot be trusted",
                    "It would send you on to an address (post_logout_redirect_uri) that is not registered for the "
                            + "application, so Gatehouse does not send you there. Nothing was changed.", GO_BACK);
            case FORM_REJECTED -> pages.problem(response, Status.FORBIDDEN_403, "This logout form has expired",
                    "The form was open too long, was opened in another browser, or was not sent from this site. "
                            + "You are still signed in.", GO_BACK + " To log out, ask it to log you out again.");
        }
    }

    private void unreadable(ServerResponse response) {
        pages.problem(response, Status.BAD_REQUEST_400, "This logout request is damaged",
                "It could not be read (a character in it is not encoded properly, or it was not sent as a web form).",
                GO_BACK);
    }

    /** The browser's binding value (the one the sign-in page set), made and set as a cookie when it has none. */
    private String binding(ServerRequest request, List<Header> cookies) {
        Optional<String> sent = cookie(request, AuthorizeHttpService.BINDING_COOKIE).filter(value -> value.length() >= 43);
        if (sent.isPresent()) {
            return sent.get();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        DeviceCookie.write(AuthorizeHttpService.BINDING_COOKIE, fresh, AuthorizeHttpService.PATH, Optional.<Duration>empty(),
                "Lax", settings.secureCookies()).ifPresent(cookies::add);
        return fresh;
    }

    private static Optional<String> cookie(ServerRequest request, String name) {
        return DeviceCookie.read(request.headers().all(HeaderNames.COOKIE, List::of), name);
    }

    private ClientAddress client(ServerRequest request) {
        return ClientAddresses.of(request, settings.addressing());
    }
}
