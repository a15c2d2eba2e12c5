package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.SignInCommand;
import dev.gatehouse.application.port.in.SignInForm;
import dev.gatehouse.application.port.in.SignInResult;
import dev.gatehouse.application.port.in.SignInUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Optional;

/**
 * The sign-in form comes back: the pending request is judged again (the form could have been altered), the form's
 * token must be the one given to this browser for this request (else nothing is checked), then the username and
 * password go through the token endpoint's own {@link PasswordCheck} (the same throttling, known devices, equal-cost
 * failures and audit), and a right password gets the authorization code and a browser session.
 */
public final class SignInService implements SignInUseCase {

    private final AuthorizationRequests requests;
    private final SignInForms forms;
    private final PasswordCheck passwordCheck;
    private final CodeIssuer codes;
    private final BrowserSessions browserSessions;
    private final AuditLog audit;
    private final Clock clock;
    private final MfaChallengeIssuer mfaChallenges;
    private final SignInCodeForms codeForms;
    private final SecondFactorPolicy secondFactor;
    private final EmailVerificationMode verification;
    private final ConsentScreens consentScreens;

    /**
     * With the challenges of accounts with a second factor (an account with one is not signed in on its password alone:
     * it gets the second step's form, {@code codeForms}) and email verification {@code verification}: when it is
     * required, an unproven address signs nobody in; and {@code secondFactor}: an account without a second factor whose
     * request asks for scopes only a role needing one grants is not signed in, and is told to enrol first.
     */
    SignInService(AuthorizationRequests requests, SignInForms forms, PasswordCheck passwordCheck, CodeIssuer codes,
                  BrowserSessions browserSessions, AuditLog audit, Clock clock, MfaChallengeIssuer mfaChallenges,
                  SignInCodeForms codeForms, EmailVerificationMode verification, SecondFactorPolicy secondFactor,
                  ConsentScreens consentScreens) {
        this.consentScreens = consentScreens;
        this.secondFactor = secondFactor;
        this.mfaChallenges = mfaChallenges;
        this.codeForms = codeForms;
        this.verification = verification;
        this.requests = requests;
        this.forms = forms;
        this.passwordCheck = passwordCheck;
        this.codes = codes;
        this.browserSessions = browserSessions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public SignInResult signIn(SignInCommand command) {
        AuthorizationRequests.Valid request;
        switch (requests.judge(command.request().withoutPrompt())) {
            case AuthorizationRequests.Invalid(var error) -> {
                return new SignInResult.Failed(error);
            }
            case AuthorizationRequests.Valid valid -> request = valid;
        }
        if (!forms.accepts(command.formToken(), command.request(), command.browserBinding())) {
            audit.record(new AuditEvent(AuditEvent.Type.SIGN_IN_FORM_FORGED, request.client().id().value(), command.client(),
                    clock.instant()));
            return new SignInResult.FormRejected();
        }
        LogInCommand attempt = new LogInCommand(command.username(), command.password(), request.scopes(), command.client(),
                command.knownDevice());
        SignInForm again = forms.formFor(command.request(), request.client(), command.browserBinding());
        return switch (passwordCheck.check(attempt)) {
            case PasswordCheck.Passed passed when verification == EmailVerificationMode.REQUIRED && !passed.user().isEmailVerified() -> {
                audit.record(new AuditEvent(AuditEvent.Type.LOGIN_EMAIL_NOT_VERIFIED, passed.user().username().value(),
                        command.client(), passed.attemptedAt()));
                yield new SignInResult.EmailNotVerified(again);
            }
            case PasswordCheck.Passed passed -> {
                User user = passed.user();
                // A password alone never signs in an account with a second factor: the second step asks for the code.
                var challenge = mfaChallenges.challengeIfEnrolled(user, request.scopes(), Optional.of(request.client().id()),
                        Optional.empty(), command.client(), SignInWithCodeService::hashOf);
                if (challenge.isPresent()) {
                    yield new SignInResult.SecondFactorRequired(codeForms.formFor(command.request(), request.client(),
                            command.browserBinding(), challenge.get().mfaToken()));
                }
                if (!secondFactor.withheld(user, request.client().allowedOf(request.scopes())).isEmpty()) {
                    audit.record(new AuditEvent(AuditEvent.Type.SECOND_FACTOR_REQUIRED, user.username().value(),
                            command.client(), passed.attemptedAt()));
                    yield new SignInResult.SecondFactorEnrollmentRequired(again);
                }
                BrowserSessions.Started session = browserSessions.start(user);
                if (consentScreens.mustAsk(request, user)) {
                    // Signed in, but a third party the person has not allowed yet: the consent page before any code.
                    SignInResult.ConsentRequired asking = new SignInResult.ConsentRequired(consentScreens.formFor(command.request(),
                            request, user, command.browserBinding()), session.sealed(), BrowserSessions.LIFETIME,
                            passed.knownDevice());
                    passwordCheck.recordSuccess(attempt, passed);
                    yield asking;
                }
                SignInResult.SignedIn signedIn = new SignInResult.SignedIn(codes.issue(request, user, Optional.empty(),
                        Optional.of(session.id()), command.client()), session.sealed(), BrowserSessions.LIFETIME, passed.knownDevice());
                passwordCheck.recordSuccess(attempt, passed);
                yield signedIn;
            }
            case PasswordCheck.Failed failed -> new SignInResult.InvalidCredentials(again);
            case PasswordCheck.Throttled(var retryAfter) -> new SignInResult.Throttled(again, retryAfter);
            case PasswordCheck.Overloaded(var retryAfter) -> new SignInResult.Overloaded(again, retryAfter);
        };
    }
}
