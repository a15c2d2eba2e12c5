package dev.gatehouse.adapter.in.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML pages Gatehouse serves, from Mustache templates on the class path (compiled once; every value escaped for
 * HTML unless the template says otherwise, which only the style sheet does). Each page goes out with headers that keep
 * it out of caches and frames, and a content security policy that allows no script at all and only its own style
 * sheet (by its hash): the pages need no JavaScript.
 */
final class Pages {

    private static final String FOLDER = "dev/gatehouse/adapter/in/web/pages/";
    private static final String CSS = new String(ClasspathResources.read(FOLDER + "page.css"), StandardCharsets.UTF_8);
    private static final Header CONTENT_TYPE_HTML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
    private static final Header CONTENT_SECURITY_POLICY = HeaderValues.createCached(HeaderNames.create("Content-Security-Policy"),
            "default-src 'none'; style-src 'sha256-" + sha256Base64(CSS) + "'; frame-ancestors 'none'; base-uri 'none'");
    private static final Header FRAME_OPTIONS = HeaderValues.createCached(HeaderNames.create("X-Frame-Options"), "DENY");
    private static final Header REFERRER_POLICY = HeaderValues.createCached(HeaderNames.create("Referrer-Policy"), "no-referrer");

    private final Mustache signIn;
    private final Mustache problem;
    private final Mustache verifyEmail;
    private final Mustache logOut;
    private final Mustache loggedOut;

    Pages() {
        DefaultMustacheFactory factory = new DefaultMustacheFactory(FOLDER);
        this.signIn = factory.compile("sign-in.mustache");
        this.problem = factory.compile("problem.mustache");
        this.verifyEmail = factory.compile("verify-email.mustache");
        this.logOut = factory.compile("log-out.mustache");
        this.loggedOut = factory.compile("logged-out.mustache");
    }

    /** What the sign-in page shows besides the form: an error for the whole form, or for one field, and what was typed. */
    record SignInPage(String clientName, List<Map.Entry<String, String>> hidden, String username, String error,
                      String usernameError, String passwordError) {
    }

    void signIn(ServerResponse response, Status status, SignInPage page, Header... extraHeaders) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("css", CSS);
        scope.put("clientName", page.clientName());
        scope.put("hidden", page.hidden().stream().map(field -> Map.of("name", field.getKey(), "value", field.getValue())).toList());
        scope.put("username", page.username());
        scope.put("error", blankToFalse(page.error()));
        scope.put("usernameError", blankToFalse(page.usernameError()));
        scope.put("passwordError", blankToFalse(page.passwordError()));
        boolean formError = !page.error().isEmpty();
        boolean usernameInvalid = formError || !page.usernameError().isEmpty();
        boolean passwordInvalid = formError || !page.passwordError().isEmpty();
        scope.put("usernameInvalid", usernameInvalid);
        scope.put("passwordInvalid", passwordInvalid);
        scope.put("usernameDescribedBy", describedBy(formError, !page.usernameError().isEmpty(), "username-error"));
        scope.put("passwordDescribedBy", describedBy(formError, !page.passwordError().isEmpty(), "password-error"));
        // Focus where the person has to act: the first field in error, else the password once a username is known.
        boolean focusUsername = page.username().isEmpty() || !page.usernameError().isEmpty();
        scope.put("focusUsername", focusUsername);
        scope.put("focusPassword", !focusUsername);
        send(response, status, signIn, scope, extraHeaders);
    }

    /**
     * The page a verification link lands on: one button that posts the token to {@code action}. Only the press uses the
     * link, so a mail scanner that fetches every link in a mail does not use it up.
     */
    void verifyEmail(ServerResponse response, String action, String token) {
        send(response, Status.OK_200, verifyEmail, Map.of("css", CSS, "action", action, "token", token));
    }

    /**
     * The page that asks a signed-in person whether to log out (RP-initiated logout without proof that they asked): one
     * button posting the request's parameters and the form's anti-forgery token back to {@code action}.
     */
    void confirmLogOut(ServerResponse response, String action, String username, String clientName,
                       List<Map.Entry<String, String>> hidden, Header... extraHeaders) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("css", CSS);
        scope.put("action", action);
        scope.put("username", username);
        scope.put("clientName", blankToFalse(clientName));
        scope.put("hidden", hidden.stream().map(field -> Map.of("name", field.getKey(), "value", field.getValue())).toList());
        send(response, Status.OK_200, logOut, scope, extraHeaders);
    }

    /** The page after a logout that has nowhere registered to go back to. */
    void loggedOut(ServerResponse response, Header... extraHeaders) {
        send(response, Status.OK_200, loggedOut, Map.of("css", CSS), extraHeaders);
    }

    /** A page that explains why the request cannot go on, and what the person can do about it. */
    void problem(ServerResponse response, Status status, String title, String message, String advice, Header... extraHeaders) {
        send(response, status, problem, Map.of("css", CSS, "title", title, "message", message, "advice", advice), extraHeaders);
    }

    private static void send(ServerResponse response, Status status, Mustache template, Map<String, Object> scope,
                             Header... extraHeaders) {
        StringWriter html = new StringWriter();
        template.execute(html, scope);
        response.status(status);
        response.header(CONTENT_TYPE_HTML);
        response.header(JsonResponses.NO_STORE);
        response.header(JsonResponses.PRAGMA_NO_CACHE);
        response.header(CONTENT_SECURITY_POLICY);
        response.header(FRAME_OPTIONS);
        response.header(REFERRER_POLICY);
        for (Header header : extraHeaders) {
            response.headers().add(header);
        }
        response.send(html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Object blankToFalse(String text) {
        return text.isEmpty() ? Boolean.FALSE : text;
    }

    private static Object describedBy(boolean formError, boolean fieldError, String fieldErrorId) {
        String ids = ((formError ? "sign-in-error " : "") + (fieldError ? fieldErrorId : "")).strip();
        return ids.isEmpty() ? Boolean.FALSE : ids;
    }

    private static String sha256Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
