package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.SignInCodeForm;
import dev.gatehouse.application.port.in.SignInWithCodeCommand;
import dev.gatehouse.application.port.in.SignInWithCodeResult;
import dev.gatehouse.application.port.in.SignInWithCodeUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.MfaChallenge;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The sign-in page's second step. The pending request is judged again; the form's token must be the one given to this
 * browser for this request and this challenge (else nothing is checked); the challenge must be unexpired, for this
 * client, and the account unchanged since the password (same security version, still active). Then the code goes
 * through the mfa-otp grant's own {@link SecondFactorCheck} (throttled per account, each code once, audited), and only
 * then is the challenge used up, by a conditional delete, so it completes one sign-in; the authorization code, the
 * browser session and the known-device credential are issued after that, never before.
 */
public final class SignInWithCodeService implements SignInWithCodeUseCase {

    private final AuthorizationRequests requests;
    private final SignInCodeForms forms;
    private final MfaChallenges challenges;
    private final UserRepository users;
    private final SecondFactorCheck secondFactor;
    private final CodeIssuer codes;
    private final BrowserSessions browserSessions;
    private final KnownDevices knownDevices;
    private final AuditLog audit;
    private final Clock clock;
    /** A third-party client the person has not allowed yet gets the consent page after the code, before any code is issued. */
    private final ConsentScreens consentScreens;

    SignInWithCodeService(AuthorizationRequests requests, SignInCodeForms forms, MfaChallenges challenges, UserRepository users,
                          SecondFactorCheck secondFactor, CodeIssuer codes, BrowserSessions browserSessions,
                          KnownDevices knownDevices, AuditLog audit, Clock clock, ConsentScreens consentScreens) {
        this.consentScreens = consentScreens;
        this.requests = requests;
        this.forms = forms;
        this.challenges = challenges;
        this.users = users;
        this.secondFactor = secondFactor;
        this.codes = codes;
        this.browserSessions = browserSessions;
        this.knownDevices = knownDevices;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * How the page's challenges are stored: apart from the mfa-otp grant's ({@link SecretTokens#sha256Hex} of the bare
     * token), so an {@code mfa_token} does not complete a sign-in here, nor a page's challenge a grant.
     */
    static String hashOf(String challenge) {
        return SecretTokens.sha256Hex("sign-in-page:" + challenge);
    }

    @Override
    public SignInWithCodeResult signIn(SignInWithCodeCommand command) {
        AuthorizationRequests.Valid request;
        switch (requests.judge(command.request().withoutPrompt())) {
            case AuthorizationRequests.Invalid(var error) -> {
                return new SignInWithCodeResult.Failed(error);
            }
            case AuthorizationRequests.Valid valid -> request = valid;
        }
        if (!forms.accepts(command.formToken(), command.request(), command.browserBinding(), command.challenge())) {
            audit.record(new AuditEvent(AuditEvent.Type.SIGN_IN_FORM_FORGED, request.client().id().value(), command.client(),
                    clock.instant()));
            return new SignInWithCodeResult.FormRejected();
        }
        Instant now = clock.instant();
        String hash = hashOf(command.challenge());
        Optional<MfaChallenge> challenge = challenges.find(hash)
                .filter(found -> !found.isExpiredAt(now))
                .filter(found -> found.client().equals(Optional.of(request.client().id())));
        Optional<User> user = challenge.flatMap(found -> users.findById(found.user()))
                .filter(User::isActive)
                .filter(found -> found.securityVersion() == challenge.get().securityVersion());
        if (user.isEmpty()) {
            return new SignInWithCodeResult.ChallengeExpired();
        }
        SignInCodeForm again = new SignInCodeForm(command.request().withoutPrompt(), request.client().id().value(),
                command.formToken(), command.challenge());
        switch (secondFactor.check(user.get(), command.code(), command.recoveryCode(), command.client())) {
            case SecondFactorCheck.Passed passed -> {
                // on below
            }
            case SecondFactorCheck.Wrong wrong -> {
                return new SignInWithCodeResult.WrongCode(again);
            }
            case SecondFactorCheck.Throttled(var retryAfter) -> {
                return new SignInWithCodeResult.Throttled(again, retryAfter);
            }
            case SecondFactorCheck.NotEnrolled notEnrolled -> {
                // Removed since the password was checked: start again, with the password alone.
                return new SignInWithCodeResult.ChallengeExpired();
            }
        }
        if (!challenges.consume(hash, now)) {
            return new SignInWithCodeResult.ChallengeExpired();
        }
        User current = user.get();
        BrowserSessions.Started session = browserSessions.start(current);
        if (consentScreens.mustAsk(request, current)) {
            SignInWithCodeResult.ConsentRequired asking = new SignInWithCodeResult.ConsentRequired(consentScreens.formFor(
                    command.request(), request, current, command.browserBinding()), session.sealed(),
                    BrowserSessions.LIFETIME, knownDevices.enrol(current));
            audit.record(new AuditEvent(AuditEvent.Type.LOGIN_SUCCEEDED, current.username().value(), command.client(), now));
            return asking;
        }
        // The code carries the browser session, so logging out of it ends the sessions the code starts.
        SignInWithCodeResult.SignedIn signedIn = new SignInWithCodeResult.SignedIn(codes.issue(request, current,
                java.util.Optional.empty(), java.util.Optional.of(session.id()), command.client()), session.sealed(),
                BrowserSessions.LIFETIME, knownDevices.enrol(current));
        audit.record(new AuditEvent(AuditEvent.Type.LOGIN_SUCCEEDED, current.username().value(), command.client(), now));
        return signedIn;
    }
}
