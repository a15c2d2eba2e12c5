package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.TwoFactorEnrolment;
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
    private final TwoFactorCredentials twoFactor;
    private final EmailVerificationMode verification;

    /**
     * With the second factors of accounts (an account with one is not signed in here on its password alone) and email
     * verification {@code verification}: when it is required, an unproven address signs nobody in.
     */
    SignInService(AuthorizationRequests requests, SignInForms forms, PasswordCheck passwordCheck, CodeIssuer codes,
                  BrowserSessions browserSessions, AuditLog audit, Clock clock, TwoFactorCredentials twoFactor,
                  EmailVerificationMode verification) {
        this.twoFactor = twoFactor;
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
            // Fail closed: a password alone never signs in an account with a second factor, on any page.
            case PasswordCheck.Passed passed when twoFactor.find(passed.user().id()).filter(TwoFactorEnrolment::active).isPresent() -> {
                audit.record(new AuditEvent(AuditEvent.Type.SECOND_FACTOR_REQUIRED, passed.user().username().value(),
                        command.client(), clock.instant()));
                yield new SignInResult.SecondFactorRequired();
            }
            case PasswordCheck.Passed passed -> {
                User user = passed.user();
                BrowserSessions.Started session = browserSessions.start(user);
                SignInResult.SignedIn signedIn = new SignInResult.SignedIn(codes.issue(request, user, java.util.Optional.empty(),
                        java.util.Optional.of(session.id()), command.client()),
                        session.sealed(), BrowserSessions.LIFETIME, passed.knownDevice());
                passwordCheck.recordSuccess(attempt, passed);
                yield signedIn;
            }
            case PasswordCheck.Failed failed -> new SignInResult.InvalidCredentials(again);
            case PasswordCheck.Throttled(var retryAfter) -> new SignInResult.Throttled(again, retryAfter);
            case PasswordCheck.Overloaded(var retryAfter) -> new SignInResult.Overloaded(again, retryAfter);
        };
    }
}
