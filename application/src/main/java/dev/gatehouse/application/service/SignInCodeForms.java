package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.SignInCodeForm;
import dev.gatehouse.application.port.out.Seals;
import dev.gatehouse.domain.Client;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * The anti-forgery token of the sign-in page's second step: a seal of what the first step's token seals (the browser's
 * binding and the pending request) and of the challenge's hash, valid as long as the challenge. A second-step form
 * therefore works only in the browser that typed the password, for that request and that challenge; a first-step token
 * never opens as a second-step one (the sealed texts differ in shape), nor the reverse.
 */
final class SignInCodeForms {

    private final Seals seals;
    private final Clock clock;

    SignInCodeForms(Seals seals, Clock clock) {
        this.seals = seals;
        this.clock = clock;
    }

    /** The second-step form for {@code request}, in the browser with this binding, completing challenge {@code challenge}. */
    SignInCodeForm formFor(AuthorizationRequest request, Client client, String browserBinding, String challenge) {
        AuthorizationRequest pending = request.withoutPrompt();
        return new SignInCodeForm(pending, client.id().value(), seals.seal(Seals.Purpose.SIGN_IN_FORM,
                contentOf(pending, browserBinding, challenge), clock.instant().plus(MfaChallengeIssuer.LIFETIME)), challenge);
    }

    /** Whether {@code formToken} was issued to this browser for exactly this request and challenge, and has not expired. */
    boolean accepts(String formToken, AuthorizationRequest request, String browserBinding, String challenge) {
        Optional<String> content = seals.open(Seals.Purpose.SIGN_IN_FORM, formToken, clock.instant());
        return content.isPresent() && !browserBinding.isEmpty() && !challenge.isEmpty() && MessageDigest.isEqual(
                content.get().getBytes(StandardCharsets.UTF_8),
                contentOf(request.withoutPrompt(), browserBinding, challenge).getBytes(StandardCharsets.UTF_8));
    }

    private static String contentOf(AuthorizationRequest request, String browserBinding, String challenge) {
        return SignInForms.contentOf(request, browserBinding) + "|code:" + SignInForms.sha256(challenge);
    }
}
