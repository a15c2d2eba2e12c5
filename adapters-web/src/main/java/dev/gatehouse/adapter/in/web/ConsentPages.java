package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.ConsentForm;
import dev.gatehouse.domain.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The consent page of a {@link ConsentForm}: the pending request and its token as hidden fields, and each scope in
 * words a person understands (a scope this server does not know is named as it is, as a permission).
 */
final class ConsentPages {

    static final String FORM_TOKEN = "consent_token";

    private ConsentPages() {
    }

    static Pages.ConsentPage page(ConsentForm form) {
        List<Map.Entry<String, String>> hidden = new ArrayList<>();
        for (String name : AuthorizationRequest.PARAMETERS) {
            form.request().parameter(name).ifPresent(value -> hidden.add(Map.entry(name, value)));
        }
        hidden.add(Map.entry(FORM_TOKEN, form.formToken()));
        return new Pages.ConsentPage(form.clientName(), form.username(), described(form.newScopes()),
                described(form.grantedScopes()), hidden);
    }

    private static List<String> described(List<Scope> scopes) {
        return scopes.stream().map(ConsentPages::describe).toList();
    }

    /** What a scope lets the application do, said to the person whose account it is. */
    static String describe(Scope scope) {
        return switch (scope.value()) {
            case "openid" -> "Know that it is you: it gets an identifier of your account, the same every time";
            case "profile" -> "See your username and your name";
            case "email" -> "See your email address and whether it is verified";
            case "me" -> "Read your account details (username, roles, email address) while you use it";
            case "admin" -> "Act as an administrator, with every right your account has";
            default -> "Use the permission “" + scope.value() + "” on your behalf";
        };
    }
}
