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
    private final Mustache consent;
    private final Mustache resetPassword;
    private final Mustache account;
    private final Mustache signInCode;
    private final Mustache logOut;
    private final Mustache loggedOut;

    Pages() {
        DefaultMustacheFactory factory = new DefaultMustacheFactory(FOLDER);
        this.signIn = factory.compile("sign-in.mustache");
        this.problem = factory.compile("problem.mustache");
        this.verifyEmail = factory.compile("verify-email.mustache");
        this.consent = factory.compile("consent.mustache");
        this.resetPassword = factory.compile("reset-password.mustache");
        this.account = factory.compile("account.mustache");
        this.signInCode = factory.compile("sign-in-code.mustache");
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
     * The consent page: which application asks, who is signed in, what it asks for in words ({@code newScopes}, and
     * what was allowed before), and the form that answers it.
     */
    record ConsentPage(String clientName, String username, List<String> newScopes, List<String> grantedScopes,
                       List<Map.Entry<String, String>> hidden) {
    }

    void consent(ServerResponse response, Status status, ConsentPage page, Header... extraHeaders) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("css", CSS);
        scope.put("clientName", page.clientName());
        scope.put("username", page.username());
        scope.put("newScopes", page.newScopes());
        scope.put("grantedScopes", page.grantedScopes());
        scope.put("hasNew", !page.newScopes().isEmpty());
        scope.put("hasGranted", !page.grantedScopes().isEmpty());
        scope.put("nothingAsked", page.newScopes().isEmpty() && page.grantedScopes().isEmpty());
        scope.put("hidden", page.hidden().stream().map(field -> Map.of("name", field.getKey(), "value", field.getValue())).toList());
        send(response, status, consent, scope, extraHeaders);
    }

    /**
     * The page a verification link lands on: one button that posts the token to {@code action}. Only the press uses the
     * link, so a mail scanner that fetches every link in a mail does not use it up.
     */
    void verifyEmail(ServerResponse response, String action, String token) {
        send(response, Status.OK_200, verifyEmail, Map.of("css", CSS, "action", action, "token", token));
    }

    /**
     * The page a password-reset link lands on: a new password to post with the token to {@code action}; {@code error}
     * (empty when none) says why the last one was refused. Fetching the link uses nothing up.
     */
    void resetPassword(ServerResponse response, Status status, String action, String token, String error) {
        send(response, status, resetPassword, Map.of("css", CSS, "action", action, "token", token, "error", blankToFalse(error)));
    }

    /** An enrolment just started: its secret in base32 for typing in, and its {@code otpauth://} URI as an SVG QR code. */
    record Enrolment(String secret, String qrSvg) {
    }

    /** One live session on the account page. */
    record SessionRow(String id, String client, String startedAt, String lastUsedAt, boolean current) {
    }

    /** One application the person allowed on the consent page: what it may do, since when. */
    record ConsentRow(String client, List<String> scopes, String grantedAt) {
    }

    /**
     * What the account page shows: the profile, the one-time notice of the last action, an enrolment in progress, recovery
     * codes shown this once, and the sessions; every form carries {@code csrf}.
     */
    record AccountPage(String csrf, String username, String fullName, String email, boolean emailVerified,
                       boolean emailVerificationOn, boolean twoFactorActive, String notice, boolean noticeIsError,
                       java.util.Optional<Enrolment> enrolment, List<String> recoveryCodes, List<SessionRow> sessions,
                       List<ConsentRow> consents) {
    }

    void account(ServerResponse response, Status status, AccountPage page, Header... extraHeaders) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("css", CSS);
        scope.put("csrf", page.csrf());
        scope.put("username", page.username());
        scope.put("fullName", blankToFalse(page.fullName()));
        scope.put("email", blankToFalse(page.email()));
        scope.put("emailVerified", page.emailVerified());
        scope.put("emailVerificationOn", page.emailVerificationOn());
        scope.put("canResend", page.emailVerificationOn() && !page.email().isEmpty() && !page.emailVerified());
        scope.put("twoFactorActive", page.twoFactorActive());
        scope.put("twoFactorOff", !page.twoFactorActive() && page.enrolment().isEmpty());
        scope.put("notice", blankToFalse(page.notice()));
        scope.put("noticeIsError", page.noticeIsError());
        scope.put("enrolment", page.enrolment().<Object>map(enrolment -> Map.of("secret", enrolment.secret(),
                "qrSvg", enrolment.qrSvg())).orElse(Boolean.FALSE));
        scope.put("hasRecoveryCodes", !page.recoveryCodes().isEmpty());
        scope.put("recoveryCodes", page.recoveryCodes());
        scope.put("sessions", page.sessions().stream().map(row -> Map.of("id", row.id(), "client", row.client(),
                "startedAt", row.startedAt(), "lastUsedAt", row.lastUsedAt(), "current", row.current())).toList());
        scope.put("noSessions", page.sessions().isEmpty());
        scope.put("consents", page.consents().stream().map(row -> Map.of("client", row.client(), "scopes", row.scopes(),
                "grantedAt", row.grantedAt())).toList());
        scope.put("hasConsents", !page.consents().isEmpty());
        send(response, status, account, scope, extraHeaders);
    }

    /** The account page after signing out: what happened, and the way back in. */
    void signedOut(ServerResponse response, String message, Header... extraHeaders) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("css", CSS);
        scope.put("signedOut", message);
        send(response, Status.OK_200, account, scope, extraHeaders);
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

    /** What the sign-in page's second step shows besides its form: an error for the code, if any. */
    record SignInCodePage(String clientName, List<Map.Entry<String, String>> hidden, String error) {
    }

    /** The second step of signing in: the code from the authenticator app, or a recovery code. */
    void signInCode(ServerResponse response, Status status, SignInCodePage page, Header... extraHeaders) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("css", CSS);
        scope.put("clientName", page.clientName());
        scope.put("hidden", page.hidden().stream().map(field -> Map.of("name", field.getKey(), "value", field.getValue())).toList());
        scope.put("error", blankToFalse(page.error()));
        scope.put("codeInvalid", !page.error().isEmpty());
        send(response, status, signInCode, scope, extraHeaders);
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
