package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AnswerConsentCommand;
import dev.gatehouse.application.port.in.AnswerConsentResult;
import dev.gatehouse.application.port.in.AnswerConsentUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Optional;

/**
 * The consent form comes back: the pending request is judged again (the form could have been altered), the person is
 * whoever the browser session names now, and the form's token must be the one given to this browser, for this person
 * and exactly this request (else nothing is decided, so an altered client or scope list is refused, never widened).
 * Allowed, the consent is remembered and the code issued as after a sign-in; refused, the client is told
 * {@code access_denied} (RFC 6749 section 4.1.2.1).
 */
public final class AnswerConsentService implements AnswerConsentUseCase {

    private final AuthorizationRequests requests;
    private final BrowserSessions browserSessions;
    private final ConsentScreens consentScreens;
    private final CodeIssuer codes;
    private final AuditLog audit;
    private final Clock clock;

    AnswerConsentService(AuthorizationRequests requests, BrowserSessions browserSessions, ConsentScreens consentScreens,
                         CodeIssuer codes, AuditLog audit, Clock clock) {
        this.requests = requests;
        this.browserSessions = browserSessions;
        this.consentScreens = consentScreens;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public AnswerConsentResult answer(AnswerConsentCommand command) {
        AuthorizationRequests.Valid request;
        switch (requests.judge(command.request().withoutPrompt())) {
            case AuthorizationRequests.Invalid(var error) -> {
                return new AnswerConsentResult.Failed(error);
            }
            case AuthorizationRequests.Valid valid -> request = valid;
        }
        Optional<BrowserSessions.SignedIn> signedIn = browserSessions.recognise(command.browserSession());
        if (signedIn.isEmpty()) {
            return new AnswerConsentResult.FormRejected();
        }
        User user = signedIn.get().user();
        if (!consentScreens.accepts(command.formToken(), command.request(), user, command.browserBinding())) {
            audit.record(new AuditEvent(AuditEvent.Type.SIGN_IN_FORM_FORGED, request.client().id().value(), command.client(),
                    clock.instant()));
            return new AnswerConsentResult.FormRejected();
        }
        if (!command.allowed()) {
            audit.record(new AuditEvent(AuditEvent.Type.CONSENT_DENIED, user.username().value(), command.client(),
                    clock.instant()));
            return new AnswerConsentResult.Failed(new AuthorizationRequests.Redirect(request.redirectUri(), request.state())
                    .error("access_denied", "The person did not allow this application what it asked for").error());
        }
        consentScreens.remember(request, user);
        audit.record(new AuditEvent(AuditEvent.Type.CONSENT_GIVEN, user.username().value(), command.client(), clock.instant()));
        return new AnswerConsentResult.Authorized(codes.issue(request, user, Optional.of(signedIn.get().signedInAt()),
                Optional.of(signedIn.get().id()), command.client()));
    }
}
