package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.SignInForm;
import dev.gatehouse.application.port.out.Seals;
import dev.gatehouse.domain.Client;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The sign-in form's anti-forgery token: a seal of the browser's binding value and a digest of the pending
 * authorization request, valid for {@link #LIFETIME}. Another site cannot make a browser post a sign-in (it cannot
 * read the browser's binding cookie nor forge a seal), a token from one browser does not work in another, and a token
 * for one request does not carry another request's parameters.
 */
final class SignInForms {

    /** How long a person may take to fill in the form. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final Seals seals;
    private final Clock clock;

    SignInForms(Seals seals, Clock clock) {
        this.seals = seals;
        this.clock = clock;
    }

    /** The form for {@code request}, served to the browser with this binding. */
    SignInForm formFor(AuthorizationRequest request, Client client, String browserBinding) {
        AuthorizationRequest pending = request.withoutPrompt();
        Instant now = clock.instant();
        return new SignInForm(pending, client.id().value(),
                seals.seal(Seals.Purpose.SIGN_IN_FORM, contentOf(pending, browserBinding), now.plus(LIFETIME)));
    }

    /** Whether {@code formToken} was issued to this browser for exactly this request, and has not expired. */
    boolean accepts(String formToken, AuthorizationRequest request, String browserBinding) {
        Optional<String> content = seals.open(Seals.Purpose.SIGN_IN_FORM, formToken, clock.instant());
        return content.isPresent() && !browserBinding.isEmpty() && MessageDigest.isEqual(
                content.get().getBytes(StandardCharsets.UTF_8),
                contentOf(request.withoutPrompt(), browserBinding).getBytes(StandardCharsets.UTF_8));
    }

    /** What a form token seals: digests of the browser's binding and of the request's canonical parameters. */
    static String contentOf(AuthorizationRequest request, String browserBinding) {
        StringBuilder canonical = new StringBuilder();
        for (String name : AuthorizationRequest.PARAMETERS) {
            canonical.append(name).append(request.parameter(name).map(value -> "=" + value).orElse("")).append('\n');
        }
        return sha256(browserBinding) + "|" + sha256(canonical.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
