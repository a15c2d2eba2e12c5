package dev.gatehouse.application.port.in;

import java.util.Objects;

/**
 * What the sign-in page needs to ask a person to sign in for a pending authorization request: the request to send
 * back unchanged, the client's name to show, and the form token that proves the form was served by Gatehouse to this
 * browser for this request (it must come back with the form). The token never appears in {@link #toString()}.
 */
public record SignInForm(AuthorizationRequest request, String clientName, String formToken) {

    public SignInForm {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(formToken, "formToken");
    }

    @Override
    public String toString() {
        return "SignInForm[client=" + clientName + ", formToken=redacted]";
    }
}
