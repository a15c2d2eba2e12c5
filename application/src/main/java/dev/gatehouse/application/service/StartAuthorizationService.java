package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.StartAuthorizationCommand;
import dev.gatehouse.application.port.in.StartAuthorizationResult;
import dev.gatehouse.application.port.in.StartAuthorizationUseCase;
import dev.gatehouse.domain.User;
import java.util.Optional;

/**
 * A browser arrives at {@code /authorize}: the request is judged ({@link AuthorizationRequests}); then a browser
 * session that still matches its account gets a code at once, unless the client asks to sign in again
 * ({@code prompt=login}); without one, the person is asked to sign in, or, when the client asked not to show any page
 * ({@code prompt=none}), the client is told {@code login_required}.
 */
public final class StartAuthorizationService implements StartAuthorizationUseCase {

    private final AuthorizationRequests requests;
    private final BrowserSessions browserSessions;
    private final SignInForms forms;
    private final CodeIssuer codes;

    StartAuthorizationService(AuthorizationRequests requests, BrowserSessions browserSessions, SignInForms forms,
                              CodeIssuer codes) {
        this.requests = requests;
        this.browserSessions = browserSessions;
        this.forms = forms;
        this.codes = codes;
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
        Optional<User> signedIn = request.prompt() == AuthorizationRequests.Prompt.LOGIN ? Optional.empty()
                : browserSessions.recognise(command.browserSession());
        if (signedIn.isPresent()) {
            return new StartAuthorizationResult.Authorized(codes.issue(request, signedIn.get(), command.client()));
        }
        if (request.prompt() == AuthorizationRequests.Prompt.NONE) {
            return new StartAuthorizationResult.Failed(new AuthorizationRequests.Redirect(request.redirectUri(), request.state())
                    .error("login_required", "Nobody is signed in here; ask again without prompt=none").error());
        }
        return new StartAuthorizationResult.SignInRequired(forms.formFor(command.request(), request.client(), command.browserBinding()));
    }
}
