package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.ActiveSession;
import dev.gatehouse.application.port.in.ChangeEmailCommand;
import dev.gatehouse.application.port.in.ChangeEmailResult;
import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.EndSessionCommand;
import dev.gatehouse.application.port.in.EndSessionResult;
import dev.gatehouse.application.port.in.LogOutCommand;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeCommand;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeResult;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.RequestEmailVerificationCommand;
import dev.gatehouse.application.port.in.RequestEmailVerificationResult;
import dev.gatehouse.application.port.in.RevokeConsentCommand;
import dev.gatehouse.application.port.in.RevokeConsentResult;
import dev.gatehouse.application.port.in.ShowAccountQuery;
import dev.gatehouse.application.port.in.ShowAccountResult;
import dev.gatehouse.application.port.in.StartTwoFactorResult;
import dev.gatehouse.application.port.in.TwoFactorCommand;
import dev.gatehouse.application.port.in.TwoFactorResult;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PlainPassword;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The account page: a signed-in person sees their profile and changes their password, address, second factor and
 * sessions, on a server-rendered page that needs no script. The page is Gatehouse's own first-party client of the
 * sign-in page ({@link AccountPageClient}): without a session here, {@code GET /account} sends the browser to
 * {@code /authorize} with PKCE, and {@code /account/callback} redeems the code for a session of the account page, kept
 * in cookies scoped to {@code /account} (the access and refresh token, hidden from scripts; the server refreshes them).
 * Every action is a {@code POST /account} form naming its {@code action}, carrying the page's anti-forgery token (equal
 * to a {@code SameSite=Strict} cookie another site can neither read nor send), and ends in a redirect back to the page
 * with its outcome as a one-time notice (Post/Redirect/Get), except the answers shown only once (an enrolment's
 * secret, recovery codes), which the POST's own page shows. The use cases audit every action.
 */
final class AccountHttpService implements RoutedService {

    static final String PATH = "/account";
    static final String CALLBACK = "/account/callback";
    static final String ACCESS_COOKIE = "gatehouse_account";
    static final String REFRESH_COOKIE = "gatehouse_account_refresh";
    static final String CSRF_COOKIE = "gatehouse_account_csrf";
    static final String LOGIN_COOKIE = "gatehouse_account_login";
    static final String NOTICE_COOKIE = "gatehouse_account_notice";
    static final String CSRF_FIELD = "csrf";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAX_COOKIE_CHARS = 3800;
    private static final Pattern COOKIE_OCTETS = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]+");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration SESSION_COOKIE_LIFETIME = Duration.ofDays(30);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String START_AGAIN = "Open the account page again; you may be asked to sign in.";

    private final WebUseCases useCases;
    private final WebSettings settings;
    private final RequestLimiter limiter;
    private final Pages pages = new Pages();

    AccountHttpService(WebUseCases useCases, WebSettings settings, RequestLimiter limiter) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get(PATH, this::show), Route.post(PATH, this::act), Route.get(CALLBACK, this::callback));
    }

    /** The signed-in person's tokens and their account as shown now. */
    private record Signed(String accessToken, ShowAccountResult.Shown account) {
    }

    // ---- GET /account ----

    private void show(ServerRequest request, ServerResponse response) {
        List<Header> headers = new ArrayList<>();
        Optional<Signed> signed = signedIn(request, headers);
        if (signed.isEmpty()) {
            sendToSignIn(response, headers);
            return;
        }
        String csrf = csrf(request, headers);
        Optional<Notice> notice = cookie(request, NOTICE_COOKIE).flatMap(Notice::decode);
        notice.ifPresent(shown -> headers.add(clear(NOTICE_COOKIE, PATH)));
        pages.account(response, Status.OK_200, page(signed.get(), csrf, notice, Optional.empty(), List.of()),
                headers.toArray(Header[]::new));
    }

    /** To the sign-in page, as a client of it: a fresh state and PKCE verifier, kept in a cookie until the callback. */
    private void sendToSignIn(ServerResponse response, List<Header> headers) {
        Optional<URI> publicUrl = settings.discovery().publicUrl();
        if (publicUrl.isEmpty()) {
            // As /authorize answers without clients: the page exists, this server's settings do not let it sign anyone in.
            pages.problem(response, Status.BAD_REQUEST_400, "The account page is not set up",
                    "It signs people in through the sign-in page, which needs this server's public URL.",
                    "If you run this server, set GATEHOUSE_PUBLIC_URL and register client applications (GATEHOUSE_CLIENTS).",
                    headers.toArray(Header[]::new));
            return;
        }
        String state = random();
        String verifier = random();
        headers.add(cookieHeader(LOGIN_COOKIE, state + "." + verifier, PATH, Optional.of(Duration.ofMinutes(15)), "Lax"));
        String location = "/authorize?response_type=code&client_id=" + AccountPageClient.ID
                + "&redirect_uri=" + encode(AccountPageClient.callback(publicUrl.get()))
                + "&state=" + state + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
        redirect(response, location, headers);
    }

    // ---- GET /account/callback ----

    private void callback(ServerRequest request, ServerResponse response) {
        Optional<FormBody> query = FormBody.parse(request.query().rawValue().getBytes(StandardCharsets.UTF_8));
        Optional<String[]> pending = cookie(request, LOGIN_COOKIE).map(value -> value.split("\\.", -1)).filter(parts -> parts.length == 2);
        Optional<URI> publicUrl = settings.discovery().publicUrl();
        if (query.isEmpty() || pending.isEmpty() || publicUrl.isEmpty()
                || !constantTimeEquals(query.get().value("state").orElse(""), pending.get()[0])) {
            pages.problem(response, Status.BAD_REQUEST_400, "This sign-in could not be finished",
                    "It did not start in this browser, or it was started too long ago.", START_AGAIN);
            return;
        }
        if (query.get().value("error").isPresent() || query.get().value("code").isEmpty()) {
            pages.problem(response, Status.BAD_REQUEST_400, "Signing in did not finish",
                    "The sign-in page answered: " + query.get().value("error_description").or(() -> query.get().value("error"))
                            .orElse("no code") + ".", START_AGAIN, clear(LOGIN_COOKIE, PATH));
            return;
        }
        RedeemAuthorizationCodeCommand command = new RedeemAuthorizationCodeCommand(query.get().value("code").get(),
                AccountPageClient.callback(publicUrl.get()), pending.get()[1], client(request),
                Optional.of(ClientCredentials.publicClient(AccountPageClient.ID)));
        switch (useCases.authorizationCode().redeemAuthorizationCode().redeem(command)) {
            case RedeemAuthorizationCodeResult.Redeemed redeemed -> {
                List<Header> headers = new ArrayList<>(sessionCookies(redeemed.accessToken().value(), redeemed.refreshToken()));
                headers.add(clear(LOGIN_COOKIE, PATH));
                headers.add(cookieHeader(CSRF_COOKIE, random(), PATH, Optional.empty(), "Strict"));
                redirect(response, PATH, headers);
            }
            case RedeemAuthorizationCodeResult.InvalidGrant invalid -> pages.problem(response, Status.BAD_REQUEST_400,
                    "This sign-in could not be finished", "Its code was used already, or is too old.", START_AGAIN,
                    clear(LOGIN_COOKIE, PATH));
            case RedeemAuthorizationCodeResult.InvalidClient invalid -> notSetUp(response);
            case RedeemAuthorizationCodeResult.UnauthorizedClient unauthorized -> notSetUp(response);
        }
    }

    private void notSetUp(ServerResponse response) {
        pages.problem(response, Status.BAD_REQUEST_400, "The account page is not set up",
                "This server does not know the account page as a client (" + AccountPageClient.ID + ").",
                "If you run this server, register client applications (GATEHOUSE_CLIENTS) and set GATEHOUSE_PUBLIC_URL.");
    }

    // ---- POST /account ----

    private void act(ServerRequest request, ServerResponse response) {
        Optional<Duration> overBudget = limiter.admit(client(request));
        if (overBudget.isPresent()) {
            pages.problem(response, Status.TOO_MANY_REQUESTS_429, "Too many requests",
                    "There were too many requests from your network just now.",
                    "Wait " + seconds(overBudget.get()) + " and try again.", JsonResponses.retryAfter(overBudget.get()));
            return;
        }
        // Read whatever came, within the size limit, so that the connection is left clean for the next request.
        byte[] body = Requests.body(request);
        List<Header> headers = new ArrayList<>();
        Optional<Signed> signed = signedIn(request, headers);
        if (signed.isEmpty()) {
            redirect(response, PATH, headers);
            return;
        }
        boolean isForm = request.headers().contentType().map(type -> type.mediaType().text().equalsIgnoreCase(FORM)).orElse(false);
        Optional<FormBody> form = isForm ? FormBody.parse(body) : Optional.empty();
        if (form.isEmpty()) {
            pages.problem(response, Status.BAD_REQUEST_400, "This form could not be read",
                    "It was not sent as a web form, or a character in it is not encoded properly.", START_AGAIN);
            return;
        }
        Optional<String> expected = cookie(request, CSRF_COOKIE);
        boolean crossSite = request.headers().first(HeaderNames.create("Sec-Fetch-Site"))
                .map(site -> site.equalsIgnoreCase("cross-site")).orElse(false);
        if (crossSite || expected.isEmpty() || !constantTimeEquals(form.get().value(CSRF_FIELD).orElse(""), expected.get())) {
            pages.problem(response, Status.FORBIDDEN_403, "This form has expired",
                    "It was opened in another browser or too long ago, or it was not sent from this site. Nothing was changed.",
                    START_AGAIN);
            return;
        }
        Action action = new Action(signed.get(), form.get(), client(request), headers, expected.get());
        switch (form.get().value("action").orElse("")) {
            case "change-password" -> changePassword(response, action);
            case "change-email" -> changeEmail(response, action);
            case "send-verification" -> sendVerification(response, action);
            case "start-two-factor" -> startTwoFactor(response, action);
            case "confirm-two-factor" -> confirmTwoFactor(response, action);
            case "regenerate-recovery-codes" -> regenerateRecoveryCodes(response, action);
            case "remove-two-factor" -> removeTwoFactor(response, action);
            case "end-session" -> endSession(response, action);
            case "revoke-consent" -> revokeConsent(response, action);
            case "end-all-sessions" -> signOut(response, action, true);
            case "sign-out" -> signOut(response, action, false);
            default -> done(response, action, Notice.error("That action is not known here. Nothing was changed."));
        }
    }

    /** One POST: who, what they sent, from where, the headers to send back, and the page's anti-forgery token. */
    private record Action(Signed signed, FormBody form, ClientAddress client, List<Header> headers, String csrf) {

        String token() {
            return signed.accessToken();
        }

        String field(String name) {
            return form.value(name).orElse("");
        }
    }

    private void changePassword(ServerResponse response, Action action) {
        Optional<PlainPassword> current = password(action.field("current_password"));
        Optional<PlainPassword> replacement = password(action.field("new_password"));
        if (current.isEmpty() || replacement.isEmpty()) {
            done(response, action, Notice.error("To change your password, enter your current password and a new one."));
            return;
        }
        Notice notice = switch (useCases.changePassword().changePassword(new ChangePasswordCommand(action.token(),
                current.get(), replacement.get(), action.client()))) {
            case ChangePasswordResult.Changed changed -> {
                // Every session ended with the change, this page's too; the change gave this page a new one.
                action.headers().addAll(sessionCookies(changed.accessToken().value(), changed.refreshToken()));
                yield Notice.success("Your password is changed. Every other session has ended; this one goes on.");
            }
            case ChangePasswordResult.WrongCurrentPassword wrong ->
                    Notice.error("The current password is not right. Your password was not changed.");
            case ChangePasswordResult.PasswordRejected(String reason) ->
                    Notice.error("The new password cannot be used: " + reason + ". Your password was not changed.");
            case ChangePasswordResult.Throttled(Duration retryAfter) -> Notice.error("There were too many wrong passwords. Wait "
                    + seconds(retryAfter) + " and try again.");
            case ChangePasswordResult.Overloaded(Duration retryAfter) -> Notice.error("The service is busy. Wait "
                    + seconds(retryAfter) + " and try again.");
            case ChangePasswordResult.PasswordInDirectory directory ->
                    Notice.error("Your password is kept by your organisation's directory; change it there.");
            case ChangePasswordResult.InvalidToken invalid -> Notice.error("Your session ended. Sign in and try again.");
            case ChangePasswordResult.InactiveUser inactive -> Notice.error("This account is disabled.");
        };
        done(response, action, notice);
    }

    private void changeEmail(ServerResponse response, Action action) {
        Optional<PlainPassword> password = password(action.field("current_password"));
        Optional<EmailAddress> address = email(action.field("email"));
        if (password.isEmpty() || address.isEmpty()) {
            done(response, action, Notice.error(address.isEmpty() ? "Enter the new email address in full, like name@example.com."
                    : "To change your email address, enter your current password."));
            return;
        }
        Notice notice = switch (useCases.emailVerification().changeEmail().changeEmail(new ChangeEmailCommand(action.token(),
                password.get(), address.get(), action.client()))) {
            case ChangeEmailResult.Requested requested -> Notice.success("A link is on its way to " + address.get().value()
                    + ". Your address changes when you open it.");
            case ChangeEmailResult.WrongCurrentPassword wrong ->
                    Notice.error("The password is not right. Your email address was not changed.");
            case ChangeEmailResult.Throttled(Duration retryAfter) -> Notice.error("There were too many attempts. Wait "
                    + seconds(retryAfter) + " and try again.");
            case ChangeEmailResult.Overloaded(Duration retryAfter) -> Notice.error("The service is busy. Wait "
                    + seconds(retryAfter) + " and try again.");
            case ChangeEmailResult.PasswordInDirectory directory ->
                    Notice.error("Your password is kept by your organisation's directory, so it cannot be checked here.");
            case ChangeEmailResult.InvalidToken invalid -> Notice.error("Changing the email address is not available here.");
            case ChangeEmailResult.InactiveUser inactive -> Notice.error("This account is disabled.");
        };
        done(response, action, notice);
    }

    private void sendVerification(ServerResponse response, Action action) {
        Notice notice = switch (useCases.emailVerification().request().requestVerification(new RequestEmailVerificationCommand(
                action.signed().account().user().username().value(), action.client()))) {
            case RequestEmailVerificationResult.Accepted accepted -> Notice.success(
                    "A new verification link is on its way to your unverified address.");
            case RequestEmailVerificationResult.Throttled(Duration retryAfter) -> Notice.error(
                    "There were too many requests. Wait " + seconds(retryAfter) + " and try again.");
        };
        done(response, action, notice);
    }

    private void startTwoFactor(ServerResponse response, Action action) {
        switch (useCases.twoFactor().start().start(TwoFactorCommand.withToken(action.token(), action.client()))) {
            case StartTwoFactorResult.Started started -> pages.account(response, Status.OK_200, page(action.signed(), action.csrf(),
                    Optional.of(Notice.success("Scan the code with your authenticator app, or type the key into it, then "
                            + "enter the code it shows to turn two-factor sign-in on.")),
                    Optional.of(new Pages.Enrolment(started.secret(), QrSvg.of(started.otpauthUri()))), List.of()),
                    action.headers().toArray(Header[]::new));
            case StartTwoFactorResult.AlreadyActive active -> done(response, action,
                    Notice.error("Two-factor sign-in is already on. Remove it first to set up a new one."));
            case StartTwoFactorResult.InvalidToken invalid -> done(response, action,
                    Notice.error("Two-factor sign-in is not offered here."));
            case StartTwoFactorResult.InactiveUser inactive -> done(response, action, Notice.error("This account is disabled."));
        }
    }

    private void confirmTwoFactor(ServerResponse response, Action action) {
        TwoFactorCommand command = new TwoFactorCommand(action.token(), code(action.field("code")), Optional.empty(),
                Optional.empty(), action.client());
        TwoFactorResult result = useCases.twoFactor().confirm().confirm(command);
        switch (result) {
            case TwoFactorResult.Done(List<String> codes) -> recoveryCodes(response, action,
                    "Two-factor sign-in is on. Keep these recovery codes somewhere safe: each signs you in once if you lose "
                            + "your authenticator. They are shown only now.", codes);
            case TwoFactorResult.WrongProof wrong -> done(response, action, Notice.error(
                    "That code was not right. Two-factor sign-in is still off; set it up again and enter the current code."));
            default -> done(response, action, twoFactorNotice(result));
        }
    }

    private void regenerateRecoveryCodes(ServerResponse response, Action action) {
        TwoFactorCommand command = new TwoFactorCommand(action.token(), code(action.field("code")), Optional.empty(),
                Optional.empty(), action.client());
        TwoFactorResult result = useCases.twoFactor().regenerateRecoveryCodes().regenerate(command);
        if (result instanceof TwoFactorResult.Done(List<String> codes)) {
            recoveryCodes(response, action, "These are your new recovery codes; the old ones no longer work. "
                    + "They are shown only now.", codes);
        } else {
            done(response, action, twoFactorNotice(result));
        }
    }

    private void removeTwoFactor(ServerResponse response, Action action) {
        Optional<String> code = code(action.field("code"));
        Optional<PlainPassword> password = code.isPresent() ? Optional.empty() : password(action.field("current_password"));
        TwoFactorResult result = useCases.twoFactor().remove().remove(new TwoFactorCommand(action.token(), code, Optional.empty(),
                password, action.client()));
        done(response, action, result instanceof TwoFactorResult.Done
                ? Notice.success("Two-factor sign-in is off. Your password alone signs you in now.") : twoFactorNotice(result));
    }

    private static Notice twoFactorNotice(TwoFactorResult result) {
        return switch (result) {
            case TwoFactorResult.Done done -> Notice.success("Done.");
            case TwoFactorResult.WrongProof wrong -> Notice.error("That code or password was not right. Nothing was changed.");
            case TwoFactorResult.NotEnrolled none -> Notice.error("Two-factor sign-in is not in the state this needs; "
                    + "nothing was changed.");
            case TwoFactorResult.Throttled(Duration retryAfter) -> Notice.error("There were too many wrong codes. Wait "
                    + seconds(retryAfter) + " and try again.");
            case TwoFactorResult.Overloaded(Duration retryAfter) -> Notice.error("The service is busy. Wait "
                    + seconds(retryAfter) + " and try again.");
            case TwoFactorResult.InvalidToken invalid -> Notice.error("Two-factor sign-in is not offered here.");
            case TwoFactorResult.InactiveUser inactive -> Notice.error("This account is disabled.");
        };
    }

    private void recoveryCodes(ServerResponse response, Action action, String message, List<String> codes) {
        // Shown by this answer only, never stored for a later page: a reload asks to send the form again.
        Signed refreshed = showAgain(action).orElse(action.signed());
        pages.account(response, Status.OK_200, page(refreshed, action.csrf(), Optional.of(Notice.success(message)),
                Optional.empty(), codes), action.headers().toArray(Header[]::new));
    }

    private void endSession(ServerResponse response, Action action) {
        String id = action.field("session_id");
        boolean current = action.signed().account().sessions().stream().anyMatch(session -> session.current() && session.id().equals(id));
        switch (useCases.account().endSession().endSession(new EndSessionCommand(action.token(), id, action.client()))) {
            case EndSessionResult.Ended ended when current -> signedOut(response, action, "You signed out of this session.");
            case EndSessionResult.Ended ended -> done(response, action, Notice.success("That session has ended: its device "
                    + "must sign in again."));
            case EndSessionResult.NotFound notFound -> done(response, action, Notice.error("That session is not one of yours, "
                    + "or it has ended already. Nothing was changed."));
            case EndSessionResult.InvalidToken invalid -> done(response, action, Notice.error("Your session ended. Sign in again."));
            case EndSessionResult.InactiveUser inactive -> done(response, action, Notice.error("This account is disabled."));
        }
    }

    /** Takes back what the person allowed an application: it must ask again, and its sessions end. */
    private void revokeConsent(ServerResponse response, Action action) {
        Optional<dev.gatehouse.domain.ClientId> client = dev.gatehouse.domain.ClientId.parse(action.field("client_id"));
        dev.gatehouse.domain.UserId user = action.signed().account().user().id();
        RevokeConsentResult result = client.isEmpty() ? new RevokeConsentResult.NotFound()
                : useCases.account().revokeConsent().revoke(new RevokeConsentCommand(user, client.get(), action.client()));
        switch (result) {
            case RevokeConsentResult.Revoked revoked -> done(response, action, Notice.success("Taken back: "
                    + client.get().value() + " must ask you again, and its sessions have ended."));
            case RevokeConsentResult.NotFound notFound -> done(response, action, Notice.error("That application has nothing "
                    + "allowed by you. Nothing was changed."));
        }
    }

    private void signOut(ServerResponse response, Action action, boolean everywhere) {
        useCases.logOut().logOut(new LogOutCommand(action.token(), everywhere, action.client()));
        signedOut(response, action, everywhere ? "You signed out everywhere: every session of your account has ended."
                : "You signed out.");
    }

    /** The page's session cookies and the sign-in page's browser session cleared, and a page saying so. */
    private void signedOut(ServerResponse response, Action action, String message) {
        List<Header> headers = new ArrayList<>(action.headers());
        headers.add(clear(ACCESS_COOKIE, PATH));
        headers.add(clear(REFRESH_COOKIE, PATH));
        headers.add(clear(CSRF_COOKIE, PATH));
        headers.add(clear(AuthorizeHttpService.SESSION_COOKIE, AuthorizeHttpService.PATH));
        pages.signedOut(response, message, headers.toArray(Header[]::new));
    }

    /** Post/Redirect/Get: back to the page, which shows {@code notice} once. */
    private void done(ServerResponse response, Action action, Notice notice) {
        List<Header> headers = new ArrayList<>(action.headers());
        headers.add(cookieHeader(NOTICE_COOKIE, notice.encode(), PATH, Optional.of(Duration.ofMinutes(5)), "Strict"));
        redirect(response, PATH, headers);
    }

    // ---- the session of the account page ----

    /**
     * The person signed in to this page: its access token while it holds, else the refresh token's next pair (the new
     * cookies added to {@code headers}); empty when neither works (the cookies are then cleared).
     */
    private Optional<Signed> signedIn(ServerRequest request, List<Header> headers) {
        Optional<String> access = cookie(request, ACCESS_COOKIE);
        if (access.isPresent()) {
            Optional<Signed> signed = shown(access.get());
            if (signed.isPresent()) {
                return signed;
            }
        }
        Optional<String> refresh = cookie(request, REFRESH_COOKIE);
        if (refresh.isPresent()) {
            RefreshResult result = useCases.refreshToken().refresh(new RefreshCommand(refresh.get(), Optional.empty(),
                    client(request), Optional.of(ClientCredentials.publicClient(AccountPageClient.ID))));
            if (result instanceof RefreshResult.Refreshed(var accessToken, String refreshToken, var idToken)) {
                headers.addAll(sessionCookies(accessToken.value(), refreshToken));
                return shown(accessToken.value());
            }
        }
        if (access.isPresent() || refresh.isPresent()) {
            headers.add(clear(ACCESS_COOKIE, PATH));
            headers.add(clear(REFRESH_COOKIE, PATH));
        }
        return Optional.empty();
    }

    private Optional<Signed> shown(String accessToken) {
        return useCases.account().show().showAccount(new ShowAccountQuery(accessToken)) instanceof ShowAccountResult.Shown shown
                ? Optional.of(new Signed(accessToken, shown)) : Optional.empty();
    }

    private Optional<Signed> showAgain(Action action) {
        return shown(action.token());
    }

    private List<Header> sessionCookies(String accessToken, String refreshToken) {
        return List.of(cookieHeader(ACCESS_COOKIE, accessToken, PATH, Optional.of(SESSION_COOKIE_LIFETIME), "Lax"),
                cookieHeader(REFRESH_COOKIE, refreshToken, PATH, Optional.of(SESSION_COOKIE_LIFETIME), "Lax"));
    }

    /** The page's anti-forgery token: the cookie's, or a new one (set by {@code headers}) for a session without one. */
    private String csrf(ServerRequest request, List<Header> headers) {
        Optional<String> sent = cookie(request, CSRF_COOKIE).filter(value -> value.length() >= 43);
        if (sent.isPresent()) {
            return sent.get();
        }
        String fresh = random();
        headers.add(cookieHeader(CSRF_COOKIE, fresh, PATH, Optional.empty(), "Strict"));
        return fresh;
    }

    // ---- the page ----

    private Pages.AccountPage page(Signed signed, String csrf, Optional<Notice> notice, Optional<Pages.Enrolment> enrolment,
                                   List<String> recoveryCodes) {
        var user = signed.account().user();
        List<Pages.SessionRow> sessions = signed.account().sessions().stream().map(AccountHttpService::row).toList();
        return new Pages.AccountPage(csrf, user.username().value(), user.fullName().map(dev.gatehouse.domain.FullName::value).orElse(""),
                user.email().map(EmailAddress::value).orElse(""), user.isEmailVerified(),
                useCases.emailVerification().mode().isOn(), signed.account().twoFactorActive(),
                notice.map(Notice::text).orElse(""), notice.map(Notice::isError).orElse(false), enrolment, recoveryCodes,
                sessions, signed.account().consents().stream().map(consent -> new Pages.ConsentRow(consent.client().value(),
                        consent.scopes().stream().map(dev.gatehouse.domain.Scope::value).sorted().toList(),
                        WHEN.format(consent.grantedAt()))).toList());
    }

    private static Pages.SessionRow row(ActiveSession session) {
        return new Pages.SessionRow(session.id(), session.client().map(id -> id.equals(AccountPageClient.ID) ? "This account page" : id)
                .orElse("Direct sign-in (no application)"), WHEN.format(session.startedAt()), WHEN.format(session.lastUsedAt()),
                session.current());
    }

    // ---- small helpers ----

    /** A one-time message for the page: whether it reports a failure, and its text. */
    record Notice(boolean isError, String text) {

        static Notice success(String text) {
            return new Notice(false, text);
        }

        static Notice error(String text) {
            return new Notice(true, text);
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(((isError ? "E" : "S") + text).getBytes(StandardCharsets.UTF_8));
        }

        static Optional<Notice> decode(String value) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                return text.length() < 2 ? Optional.empty() : Optional.of(new Notice(text.charAt(0) == 'E', text.substring(1)));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
    }

    private static Optional<PlainPassword> password(String typed) {
        if (typed.isEmpty() || typed.getBytes(StandardCharsets.UTF_8).length > PlainPassword.MAX_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new PlainPassword(typed));
    }

    private static Optional<EmailAddress> email(String typed) {
        try {
            return Optional.of(new EmailAddress(typed.strip()));
        } catch (IllegalArgumentException | NullPointerException invalid) {
            return Optional.empty();
        }
    }

    /** A code as typed, spaces and dashes left out (apps show "123 456"); empty when nothing was typed. */
    private static Optional<String> code(String typed) {
        String code = typed.replace(" ", "").replace("-", "").strip();
        return code.isEmpty() || code.length() > 64 ? Optional.empty() : Optional.of(code);
    }

    private Header cookieHeader(String name, String value, String path, Optional<Duration> lifetime, String sameSite) {
        return HeaderValues.create(HeaderNames.SET_COOKIE, name + "=" + value + "; Path=" + path
                + lifetime.map(duration -> "; Max-Age=" + duration.toSeconds()).orElse("")
                + "; HttpOnly; SameSite=" + sameSite + (settings.secureCookies() ? "; Secure" : ""));
    }

    private Header clear(String name, String path) {
        return HeaderValues.create(HeaderNames.SET_COOKIE, name + "=; Path=" + path + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (settings.secureCookies() ? "; Secure" : ""));
    }

    /** The first well-formed cookie named {@code name}; the page's cookies may be longer than the device cookie. */
    private static Optional<String> cookie(ServerRequest request, String name) {
        for (String line : request.headers().all(HeaderNames.COOKIE, List::of)) {
            for (String pair : line.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    String raw = pair.substring(equals + 1).strip();
                    // A value may be quoted (RFC 6265); the quotes are not part of it.
                    String value = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
                    if (value.length() <= MAX_COOKIE_CHARS && COOKIE_OCTETS.matcher(value).matches()) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void redirect(ServerResponse response, String location, List<Header> headers) {
        response.status(Status.SEE_OTHER_303);
        response.header(HeaderValues.create(HeaderNames.LOCATION, location));
        response.header(JsonResponses.NO_STORE);
        response.header(HeaderValues.create(HeaderNames.create("Referrer-Policy"), "no-referrer"));
        for (Header header : headers) {
            response.headers().add(header);
        }
        response.send();
    }

    private ClientAddress client(ServerRequest request) {
        return ClientAddresses.of(request, settings.addressing());
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    private static boolean constantTimeEquals(String sent, String expected) {
        return !expected.isEmpty() && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String seconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds == 1 ? "a second" : seconds + " seconds";
    }
}
