package dev.gatehouse.application.port.in;

import java.util.Objects;

/**
 * The sign-in page's second step, for an account with a second factor whose password was right: the pending request to
 * send back unchanged, the client's name to show, the form token that binds this form to this browser, this request
 * and this {@code challenge} (the secret that names the short-lived challenge the code completes). Token and challenge
 * never appear in {@link #toString()}.
 */
public record SignInCodeForm(AuthorizationRequest request, String clientName, String formToken, String challenge) {

    public SignInCodeForm {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(formToken, "formToken");
        Objects.requireNonNull(challenge, "challenge");
    }

    @Override
    public String toString() {
        return "SignInCodeForm[client=" + clientName + ", formToken=redacted, challenge=redacted]";
    }
}
