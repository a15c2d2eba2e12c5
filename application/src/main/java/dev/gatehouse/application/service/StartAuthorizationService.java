package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.StartAuthorizationCommand;
import dev.gatehouse.application.port.in.StartAuthorizationResult;
import dev.gatehouse.application.port.in.StartAuthorizationUseCase;
import java.time.Clock;
import java.util.Optional;

/**
 * A browser arrives at {@code /authorize}: the request is judged ({@link AuthorizationRequests}); then a browser
 * session that still matches its account gets a code at once, unless the client asks to sign in again
 * ({@code prompt=login}); without one, the person is asked to sign in, or, when the client asked not to show any page
 * ({@code prompt=none}), the client is told {@code login_required}. A session whose password is older than the
 * request's {@code max_age} counts as none (OpenID Connect Core section 3.1.2.1; {@code max_age=0} as {@code prompt=login}).
 * A signed-in person is shown the consent page first when the client is a third party they have not allowed what it
 * asks ({@link ConsentScreens}); with {@code prompt=none} the client is told {@code consent_required} instead.
 */
public final class StartAuthorizationService implements StartAuthorizationUseCase {

    private final AuthorizationRequests requests;
    private final BrowserSessions browserSessions;
    private final SignInForms forms;
    private final CodeIssuer codes;
    private final Clock clock;
    private final ConsentScreens consentScreens;

    /** With the consent page of third-party clients ({@code consentScreens}), shown to a signed-in person not asked yet. */
    StartAuthorizationService(AuthorizationRequests requests, BrowserSessions browserSessions, SignInForms forms,
                              CodeIssuer codes, Clock clock, ConsentScreens consentScreens) {
        this.consentScreens = consentScreens;
        this.requests = requests;
        this.browserSessions = browserSessions;
        this.forms = forms;
        this.codes = codes;
        this.clock = clock;
    }

    @Override
    public StartAuthorizationResult start(StartAuthorizationCommand command) {
        AuthorizationRequests.Valid request;
        switch (requests.judge(command.request())) {
            case AuthorizationRequests.Invalid(var error) -> {
                return new StartAuthorizationResult.Failed(error);
            }
            case AuthorizationRequests.Valid valid -> request = valid;
        }
        Optional<BrowserSessions.SignedIn> signedIn = request.prompt() == AuthorizationRequests.Prompt.LOGIN ? Optional.empty()
                : browserSessions.recognise(command.browserSession()).filter(session -> recentEnough(session, request));
        if (signedIn.isPresent() && consentScreens.mustAsk(request, signedIn.get().user())) {
            return request.prompt() == AuthorizationRequests.Prompt.NONE
                    ? new StartAuthorizationResult.Failed(new AuthorizationRequests.Redirect(request.redirectUri(), request.state())
                            .error("consent_required", "The person has not allowed this application what it asks for; "
                                    + "ask again without prompt=none").error())
                    : new StartAuthorizationResult.ConsentRequired(consentScreens.formFor(command.request(), request,
                            signedIn.get().user(), command.browserBinding()));
        }
        if (signedIn.isPresent()) {
            return new StartAuthorizationResult.Authorized(codes.issue(request, signedIn.get().user(),
                    Optional.of(signedIn.get().signedInAt()), Optional.of(signedIn.get().id()), command.client()));
        }
        if (request.prompt() == AuthorizationRequests.Prompt.NONE) {
            return new StartAuthorizationResult.Failed(new AuthorizationRequests.Redirect(request.redirectUri(), request.state())
                    .error("login_required", "Nobody is signed in here; ask again without prompt=none").error());
        }
        return new StartAuthorizationResult.SignInRequired(forms.formFor(command.request(), request.client(), command.browserBinding()));
    }

    /** Whether the password was typed no longer than {@code max_age} ago, in whole seconds, as {@code auth_time} counts. */
    private boolean recentEnough(BrowserSessions.SignedIn session, AuthorizationRequests.Valid request) {
        return request.maxAge().map(maxAge -> !maxAge.isZero()
                && clock.instant().getEpochSecond() - session.signedInAt().getEpochSecond() <= maxAge.toSeconds())
                .orElse(true);
    }
}
