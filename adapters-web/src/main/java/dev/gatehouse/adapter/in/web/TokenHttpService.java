package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.ClientCredentialsGrantCommand;
import dev.gatehouse.application.port.in.ClientCredentialsGrantResult;
import dev.gatehouse.application.port.in.ClientCredentialsGrantUseCase;
import dev.gatehouse.application.port.in.ClientsRegisteredUseCase;
import dev.gatehouse.application.port.in.IntrospectCommand;
import dev.gatehouse.application.port.in.IntrospectResult;
import dev.gatehouse.application.port.in.IntrospectTokenUseCase;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.in.MfaLogInCommand;
import dev.gatehouse.application.port.in.MfaLogInUseCase;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeCommand;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeResult;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeUseCase;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.RefreshTokenUseCase;
import dev.gatehouse.application.port.in.RevokeCommand;
import dev.gatehouse.application.port.in.RevokeResult;
import dev.gatehouse.application.port.in.RevokeTokenUseCase;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The OAuth2 endpoints. {@code POST /token}: the password grant, answering like FastAPI's
 * {@code OAuth2PasswordRequestForm}, the refresh token grant (RFC 6749 section 6), the client credentials grant
 * (section 4.4) and the authorization code grant with PKCE (section 4.1.3, RFC 7636). A successful login sets the
 * known-device cookie; the next login sends it back, so its owner gets through a throttle that guessing by someone
 * else ran up. {@code POST /revoke}: token revocation (RFC 7009).
 *
 * <p>When client applications are registered ({@link WebSettings#clientAuthentication()}), both endpoints read the
 * client's credentials (RFC 6749 section 2.3.1): HTTP Basic ({@code client_secret_basic}, id and secret
 * form-urlencoded before base64) or the form fields {@code client_id} and {@code client_secret}
 * ({@code client_secret_post}, or {@code client_id} alone for a public client), or a signed assertion
 * ({@code private_key_jwt}: {@code client_assertion} with {@code client_assertion_type} jwt-bearer, RFC 7523), one
 * method only; the use cases judge them. Otherwise client credentials are ignored, as FastAPI's tutorial ignores them.
 */
final class TokenHttpService implements RoutedService {

    private static final Logger LOGGER = Logger.getLogger(TokenHttpService.class.getName());

    private static final String FORM = "application/x-www-form-urlencoded";
    /** RFC 6749 section 3.1: request parameters must not be included more than once. */
    private static final List<String> TOKEN_PARAMETERS =
            List.of("grant_type", "username", "password", "refresh_token", "scope", "client_id", "client_secret",
                    "client_assertion", "client_assertion_type", "device_token", "code", "redirect_uri", "code_verifier",
                    "mfa_token", "otp", "recovery_code");
    private static final List<String> REVOKE_PARAMETERS = List.of("token", "token_type_hint", "client_id", "client_secret",
            "client_assertion", "client_assertion_type");
    /** RFC 7523 section 2.2: the one assertion type a client authenticates with. */
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** RFC 7662 section 2.2: the one answer for every token that is not active, telling nothing more. */
    private static final JsonObject INACTIVE = JsonCodec.BUILDERS.createObjectBuilder().add("active", false).build();
    /** RFC 7009 section 2.1; a hint the server does not know is ignored, as the RFC allows. */
    private static final Set<String> TOKEN_TYPE_HINTS = Set.of("access_token", "refresh_token");
    private static final Header WWW_AUTHENTICATE_BEARER = HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Bearer");
    private static final Header WWW_AUTHENTICATE_BASIC =
            HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"gatehouse\", charset=\"UTF-8\"");
    /** Far beyond any client id and secret; bounds the decoding an attacker can ask for. */
    private static final int MAX_BASIC_CREDENTIALS_CHARS = 2048;
    private static final String BUSY = "Service busy, retry later";
    /**
     * The second step of a password login for an account with a second factor: {@code mfa_token} (from the first step's
     * 403 {@code mfa_required}) with {@code otp} or {@code recovery_code}. Auth0's {@code mfa-otp} grant is the prior art.
     */
    static final String MFA_OTP = "urn:gatehouse:params:oauth:grant-type:mfa-otp";
    /** The grant types this endpoint serves, as the authorization server metadata lists them. */
    static final List<String> GRANT_TYPES = List.of("password", "refresh_token", TokenHttpService.MFA_OTP);
    /** ... and with client applications registered, which the client credentials and authorization code grants need. */
    static final List<String> GRANT_TYPES_WITH_CLIENTS = List.of("password", "refresh_token", "client_credentials",
            "authorization_code", TokenHttpService.MFA_OTP);
    static final String INTROSPECT = "/introspect";
    /** How resource servers authenticate at {@code /introspect}: never {@code none}, it is not for public clients. */
    static final List<String> INTROSPECTION_AUTH_METHODS = List.of("client_secret_basic", "client_secret_post", "private_key_jwt");
    /** The algorithms a {@code private_key_jwt} assertion may be signed with: asymmetric only, never {@code none} or HMAC. */
    static final List<String> ASSERTION_SIGNING_ALGORITHMS = List.of("RS256", "ES256");

    private enum Grant { PASSWORD, REFRESH_TOKEN, CLIENT_CREDENTIALS, AUTHORIZATION_CODE, MFA_OTP }

    /** The client credentials a request carried, if any, and whether they came as HTTP Basic. */
    private record SentClient(Optional<ClientCredentials> credentials, boolean basic) {

        static final SentClient NONE = new SentClient(Optional.empty(), false);
    }

    private final LogInUseCase logIn;
    private final RefreshTokenUseCase refresh;
    private final RevokeTokenUseCase revoke;
    private final IntrospectTokenUseCase introspect;
    private final ClientCredentialsGrantUseCase clientCredentials;
    private final RedeemAuthorizationCodeUseCase redeemCode;
    private final MfaLogInUseCase mfaLogIn;
    private final WebSettings settings;
    private final RequestLimiter limiter;
    /** Whether clients registered as data exist: client authentication is on then, as when the settings register some. */
    private final ClientsRegisteredUseCase clientsRegistered;

    TokenHttpService(LogInUseCase logIn, RefreshTokenUseCase refresh, RevokeTokenUseCase revoke,
                     IntrospectTokenUseCase introspect, ClientCredentialsGrantUseCase clientCredentials,
                     RedeemAuthorizationCodeUseCase redeemCode, MfaLogInUseCase mfaLogIn, WebSettings settings,
                     RequestLimiter limiter, ClientsRegisteredUseCase clientsRegistered) {
        this.mfaLogIn = Objects.requireNonNull(mfaLogIn, "mfaLogIn");
        this.clientsRegistered = Objects.requireNonNull(clientsRegistered, "clientsRegistered");
        this.clientCredentials = Objects.requireNonNull(clientCredentials, "clientCredentials");
        this.logIn = Objects.requireNonNull(logIn, "logIn");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.revoke = Objects.requireNonNull(revoke, "revoke");
        this.introspect = Objects.requireNonNull(introspect, "introspect");
        this.redeemCode = Objects.requireNonNull(redeemCode, "redeemCode");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/token", this::token), Route.post("/revoke", this::revoke),
                Route.post(INTROSPECT, this::introspect));
    }

    private void token(ServerRequest request, ServerResponse response) {
        admit(request);
        FormBody form = form(request);
        Grant grant = grant(form);
        refuseRepeated(form, TOKEN_PARAMETERS);
        SentClient sentClient = sentClient(request, form);
        switch (grant) {
            case PASSWORD -> passwordGrant(form, sentClient, request, response);
            case REFRESH_TOKEN -> refreshGrant(form, sentClient, request, response);
            case CLIENT_CREDENTIALS -> clientCredentialsGrant(form, sentClient, request, response);
            case AUTHORIZATION_CODE -> authorizationCodeGrant(form, sentClient, request, response);
            case MFA_OTP -> mfaOtpGrant(form, sentClient, request, response);
        }
    }

    /**
     * The client credentials grant (RFC 6749 section 4.4): a token about the client, without a refresh token. A
     * client that may not use it is told {@code unauthorized_client}; scopes beyond its registration
     * {@code invalid_scope}.
     */
    private void clientCredentialsGrant(FormBody form, SentClient sentClient, ServerRequest request, ServerResponse response) {
        Optional<Set<Scope>> scopes = form.value("scope").filter(value -> !value.isBlank()).map(TokenHttpService::scopes);
        switch (clientCredentials.issue(new ClientCredentialsGrantCommand(scopes, client(request), sentClient.credentials(),
                resource(form)))) {
            case ClientCredentialsGrantResult.Issued(AccessToken token) ->
                    sendTokens(response, TokenResponse.bearerOnly(token, scopes.isPresent()));
            case ClientCredentialsGrantResult.InvalidClient invalid -> throw invalidClient(sentClient);
            case ClientCredentialsGrantResult.UnauthorizedClient unauthorized -> throw HttpProblem.oauth(Status.BAD_REQUEST_400,
                    "Unauthorized client", "unauthorized_client", "This client may not use the client credentials grant");
            case ClientCredentialsGrantResult.InvalidScope invalid -> throw HttpProblem.oauth(Status.BAD_REQUEST_400,
                    "Invalid scope", "invalid_scope", "The client may not obtain the scope " + Scope.format(invalid.refused()));
            case ClientCredentialsGrantResult.InvalidTarget invalid -> throw invalidTarget();
        }
    }

    /**
     * The authorization code grant (RFC 6749 section 4.1.3) with PKCE (RFC 7636 section 4.5): {@code code},
     * {@code redirect_uri} (exactly as sent to {@code /authorize}) and {@code code_verifier} are required; a public
     * client sends its {@code client_id} alone. Every failure of the code itself is one {@code invalid_grant}.
     */
    private void authorizationCodeGrant(FormBody form, SentClient sentClient, ServerRequest request, ServerResponse response) {
        String code = requiredParameter(form, "code");
        String redirectUri = requiredParameter(form, "redirect_uri");
        String verifier = requiredParameter(form, "code_verifier");
        switch (redeemCode.redeem(new RedeemAuthorizationCodeCommand(code, redirectUri, verifier, client(request),
                sentClient.credentials()))) {
            case RedeemAuthorizationCodeResult.Redeemed(AccessToken token, String refreshToken, Optional<String> idToken) ->
                    sendTokens(response, idToken.map(TokenResponse.bearer(token, refreshToken, true)::withIdToken)
                            .orElseGet(() -> TokenResponse.bearer(token, refreshToken, true)));
            case RedeemAuthorizationCodeResult.InvalidGrant invalid -> throw HttpProblem.oauth(Status.BAD_REQUEST_400,
                    "Invalid authorization code", "invalid_grant",
                    "The authorization code is invalid, expired or already used, or was issued for another client, "
                            + "redirect_uri or code_verifier");
            case RedeemAuthorizationCodeResult.InvalidClient invalid -> throw invalidClient(sentClient);
            case RedeemAuthorizationCodeResult.UnauthorizedClient unauthorized -> throw HttpProblem.oauth(
                    Status.BAD_REQUEST_400, "Unauthorized client", "unauthorized_client",
                    "This client may not use the authorization code grant");
        }
    }

    private static String requiredParameter(FormBody form, String name) {
        return form.value(name).filter(value -> !value.isEmpty())
                .orElseThrow(() -> invalidRequest("Parameter " + name + " is required"));
    }

    private void passwordGrant(FormBody form, SentClient sentClient, ServerRequest request, ServerResponse response) {
        // A client without a cookie jar sends back the device_token of its last login as a form field.
        Optional<String> sentDevice = form.value("device_token").filter(value -> !value.isEmpty())
                .or(() -> DeviceCookie.read(request.headers().all(HeaderNames.COOKIE, List::of)));
        LogInCommand command = command(form, client(request), sentDevice, sentClient.credentials(), resource(form));

        sendLogIn(logIn.logIn(command), !command.requestedScopes().isEmpty(), sentClient, response, false);
    }

    /**
     * The mfa-otp grant: {@code mfa_token} and one of {@code otp} and {@code recovery_code}. A wrong or used code is 400
     * {@code invalid_grant}, throttled per account like a wrong password (with {@code Retry-After}); an unknown,
     * expired, used or foreign {@code mfa_token} is 400 {@code invalid_grant} too, with its own description.
     */
    private void mfaOtpGrant(FormBody form, SentClient sentClient, ServerRequest request, ServerResponse response) {
        String mfaToken = requiredParameter(form, "mfa_token");
        Optional<String> otp = form.value("otp").filter(value -> !value.isBlank());
        Optional<String> recoveryCode = form.value("recovery_code").filter(value -> !value.isBlank());
        if (otp.isPresent() == recoveryCode.isPresent()) {
            throw invalidRequest("Exactly one of the parameters otp and recovery_code is required");
        }
        LogInResult result = mfaLogIn.complete(new MfaLogInCommand(mfaToken, otp, recoveryCode, client(request),
                sentClient.credentials()));
        // The scope is echoed: the first step may have narrowed what was asked for.
        sendLogIn(result, true, sentClient, response, true);
    }

    private void sendLogIn(LogInResult result, boolean echoScope, SentClient sentClient, ServerResponse response,
                           boolean secondStep) {
        switch (result) {
            case LogInResult.LoggedIn(AccessToken token, String refreshToken, String knownDevice) -> {
                DeviceCookie.write(knownDevice, settings.knownDeviceLifetime(), settings.secureCookies())
                        .ifPresentOrElse(response::header,
                                () -> LOGGER.warning("Known-device credential cannot be sent as a cookie; none set"));
                sendTokens(response, TokenResponse.bearer(token, refreshToken, echoScope)
                        .withDeviceToken(knownDevice));
            }
            case LogInResult.MfaRequired(String mfaToken, Duration expiresIn) -> throw new HttpProblem(Status.FORBIDDEN_403,
                    JsonCodec.BUILDERS.createObjectBuilder()
                            .add("detail", "A second factor is required")
                            .add("error", "mfa_required")
                            .add("error_description", "The password is right; complete the login with the grant " + MFA_OTP
                                    + ", this mfa_token and a one-time code (otp) or a recovery code (recovery_code)")
                            .add("mfa_token", mfaToken)
                            .add("expires_in", expiresIn.toSeconds())
                            .build(), JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
            case LogInResult.InvalidMfaToken invalid -> throw HttpProblem.oauth(Status.BAD_REQUEST_400, "Invalid mfa_token",
                    "invalid_grant", "The mfa_token is invalid, expired or already used, or was issued to another client");
            case LogInResult.InvalidCredentials invalid when secondStep -> throw wrongCode();
            case LogInResult.Throttled(Duration retryAfter) when secondStep -> throw wrongCode(JsonResponses.retryAfter(retryAfter));
            case LogInResult.InvalidCredentials invalid -> throw invalidCredentials();
            // Exactly the wrong-password answer plus when to retry: nothing else tells a guesser more.
            case LogInResult.Throttled(Duration retryAfter) -> throw invalidCredentials(JsonResponses.retryAfter(retryAfter));
            case LogInResult.Overloaded(Duration retryAfter) -> throw HttpProblem.oauth(Status.SERVICE_UNAVAILABLE_503,
                    BUSY, "temporarily_unavailable", BUSY, JsonResponses.retryAfter(retryAfter));
            case LogInResult.InvalidClient invalid -> throw invalidClient(sentClient);
            case LogInResult.UnauthorizedClient unauthorized -> throw HttpProblem.oauth(Status.BAD_REQUEST_400,
                    "Unauthorized client", "unauthorized_client", "This client may not use the password grant");
            case LogInResult.InvalidTarget invalid -> throw invalidTarget();
            // Reached only with the right password, so it tells a guesser nothing.
            // Reached only with the right password, so it tells a guesser nothing.
            case LogInResult.MfaEnrollmentRequired required -> throw HttpProblem.oauth(Status.FORBIDDEN_403,
                    "Second factor enrolment required", "mfa_enrollment_required",
                    "The scope asked for needs a second factor, which this account has not set up: log in without that "
                            + "scope, enrol at POST /users/me/two-factor, then log in again",
                    JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
            case LogInResult.EmailNotVerified unverified -> throw HttpProblem.oauth(Status.FORBIDDEN_403,
                    "Email address not verified", "email_not_verified",
                    "Verify the account's email address with the link mailed to it (POST /email-verification sends a new one)",
                    JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
        }
    }

    /**
     * The refresh token grant. Its errors are RFC 6749's plain 400s: unlike a wrong password, a refresh token
     * that does not work is not a login to retry, and says nothing about any account.
     */
    private void refreshGrant(FormBody form, SentClient sentClient, ServerRequest request, ServerResponse response) {
        String refreshToken = form.value("refresh_token").filter(value -> !value.isEmpty())
                .orElseThrow(() -> invalidRequest("Parameter refresh_token is required"));
        // Left out or blank: the session's scopes, unchanged (RFC 6749 section 6).
        Optional<Set<Scope>> scopes = form.value("scope").filter(value -> !value.isBlank()).map(TokenHttpService::scopes);

        switch (refresh.refresh(new RefreshCommand(refreshToken, scopes, client(request), sentClient.credentials(), resource(form)))) {
            case RefreshResult.Refreshed(AccessToken token, String next, Optional<String> idToken) ->
                    sendTokens(response, idToken.map(TokenResponse.bearer(token, next, scopes.isPresent())::withIdToken)
                            .orElseGet(() -> TokenResponse.bearer(token, next, scopes.isPresent())));
            case RefreshResult.InvalidGrant(boolean scopeTooBroad) when scopeTooBroad ->
                    throw HttpProblem.oauth(Status.BAD_REQUEST_400, "Invalid scope", "invalid_scope",
                            "The requested scope exceeds the scope of the session");
            case RefreshResult.InvalidGrant invalid ->
                    throw HttpProblem.oauth(Status.BAD_REQUEST_400, "Invalid refresh token", "invalid_grant",
                            "The refresh token is invalid, expired, revoked or already used");
            case RefreshResult.InvalidClient invalid -> throw invalidClient(sentClient);
            case RefreshResult.InvalidTarget invalid -> throw invalidTarget();
            case RefreshResult.Throttled(Duration retryAfter) -> throw HttpProblem.oauth(Status.TOO_MANY_REQUESTS_429,
                    RateLimits.TOO_MANY, "temporarily_unavailable", "This session refreshes too often",
                    JsonResponses.retryAfter(retryAfter));
        }
    }

    /**
     * RFC 7009: 200 with an empty body whether or not the token was valid, so the answer tells nothing about it;
     * only a request without a token is refused.
     */
    private void revoke(ServerRequest request, ServerResponse response) {
        admit(request);
        FormBody form = form(request);
        refuseRepeated(form, REVOKE_PARAMETERS);
        String token = form.value("token").filter(value -> !value.isEmpty())
                .orElseThrow(() -> invalidRequest("Parameter token is required"));
        Optional<String> hint = form.value("token_type_hint").filter(TOKEN_TYPE_HINTS::contains);
        SentClient sentClient = sentClient(request, form);

        switch (revoke.revoke(new RevokeCommand(token, hint, client(request), sentClient.credentials()))) {
            case RevokeResult.Done done -> {
                // answered below: the same for every token
            }
            case RevokeResult.InvalidClient invalid -> throw invalidClient(sentClient);
        }
        response.status(Status.OK_200);
        response.header(JsonResponses.NO_STORE);
        response.send();
    }

    /**
     * RFC 7662: 200 with the token's fields when it is active, {@code {"active":false}} for any other token; 401
     * {@code invalid_client} with a Basic challenge for a caller that is not a resource server allowed to introspect
     * (always, even without registered clients: introspection is never open); 400 for a request without a token.
     */
    private void introspect(ServerRequest request, ServerResponse response) {
        refuseOverBudget(limiter.admitIntrospection(client(request)));
        FormBody form = form(request);
        refuseRepeated(form, REVOKE_PARAMETERS);
        SentClient sentClient = sentClient(request, form);
        String token = form.value("token").filter(value -> !value.isEmpty())
                .orElseThrow(() -> invalidRequest("Parameter token is required"));
        Optional<String> hint = form.value("token_type_hint").filter(TOKEN_TYPE_HINTS::contains);

        JsonObject answer = switch (introspect.introspect(new IntrospectCommand(token, hint, client(request),
                sentClient.credentials()))) {
            case IntrospectResult.Active active -> active(active);
            case IntrospectResult.ActiveClient active -> activeClient(active);
            case IntrospectResult.Inactive inactive -> INACTIVE;
            // A resource server is no browser: it is always told to authenticate with Basic (RFC 7662 section 2.1).
            case IntrospectResult.InvalidClient invalid -> throw invalidClient(new SentClient(sentClient.credentials(), true));
        };
        JsonResponses.send(response, Status.OK_200, answer, JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
    }

    /** RFC 7662 section 2.2's fields that are known; {@code token_type} is RFC 6749's {@code Bearer} for an access token. */
    private JsonObject active(IntrospectResult.Active active) {
        JsonObjectBuilder json = JsonCodec.BUILDERS.createObjectBuilder().add("active", true);
        if (!active.scopes().isEmpty()) {
            json.add("scope", String.join(" ", active.scopes().stream().map(Scope::value).sorted().toList()));
        }
        active.clientId().ifPresent(client -> json.add("client_id", client.value()));
        json.add("username", active.username().value())
                .add("token_type", switch (active.type()) {
                    case ACCESS_TOKEN -> "Bearer";
                    case REFRESH_TOKEN -> "refresh_token";
                });
        active.expiresAt().ifPresent(exp -> json.add("exp", exp.getEpochSecond()));
        json.add("iat", active.issuedAt().getEpochSecond())
                .add("sub", active.username().value());
        if (active.type() == IntrospectResult.TokenType.ACCESS_TOKEN) {
            json.add("iss", settings.discovery().issuer());
        }
        active.tokenId().ifPresent(jti -> json.add("jti", jti));
        if (!active.audiences().isEmpty()) {
            json.add("aud", JsonCodec.BUILDERS.createArrayBuilder(active.audiences()));
        }
        return json.build();
    }

    /** A client's token about itself: the client is {@code sub} and {@code client_id}; there is no {@code username}. */
    private JsonObject activeClient(IntrospectResult.ActiveClient active) {
        JsonObjectBuilder json = JsonCodec.BUILDERS.createObjectBuilder().add("active", true);
        if (!active.scopes().isEmpty()) {
            json.add("scope", Scope.format(active.scopes()));
        }
        json.add("client_id", active.client().value())
                .add("token_type", "Bearer")
                .add("exp", active.expiresAt().getEpochSecond())
                .add("iat", active.issuedAt().getEpochSecond())
                .add("sub", active.client().value())
                .add("iss", settings.discovery().issuer())
                .add("jti", active.tokenId());
        if (!active.audiences().isEmpty()) {
            json.add("aud", JsonCodec.BUILDERS.createArrayBuilder(active.audiences()));
        }
        return json.build();
    }

    /**
     * The resource indicator (RFC 8707 section 2), if any: one resource server the token is for. More than one, or one
     * that could not be an audience, is {@code invalid_target}; whether the client may address it is the use case's.
     */
    private static Optional<Audience> resource(FormBody form) {
        if (form.isRepeated("resource")) {
            throw HttpProblem.oauth(Status.BAD_REQUEST_400, "Invalid target", "invalid_target",
                    "Ask for one resource per request");
        }
        return form.value("resource").filter(value -> !value.isEmpty())
                .map(value -> Audience.parse(value).orElseThrow(TokenHttpService::invalidTarget));
    }

    /** RFC 8707 section 2's {@code invalid_target}, 400. */
    private static HttpProblem invalidTarget() {
        return HttpProblem.oauth(Status.BAD_REQUEST_400, "Invalid target", "invalid_target",
                "The client may not obtain tokens for this resource");
    }

    private static FormBody form(ServerRequest request) {
        Requests.requireMediaType(request, FORM, "Content-Type must be " + FORM);
        return FormBody.parse(Requests.body(request)).orElseThrow(() -> invalidRequest("Malformed form body"));
    }

    private ClientAddress client(ServerRequest request) {
        return ClientAddresses.of(request, settings.addressing());
    }

    /**
     * The client's request budget, before anything else: a flood is turned away without touching the database or the
     * hasher. 429 with {@code Retry-After}; the answer is the same whatever the request held, so it says nothing
     * about any account.
     */
    private void admit(ServerRequest request) {
        refuseOverBudget(limiter.admit(client(request)));
    }

    private static void refuseOverBudget(Optional<Duration> wait) {
        wait.ifPresent(retryAfter -> {
            throw HttpProblem.oauth(Status.TOO_MANY_REQUESTS_429, RateLimits.TOO_MANY, "temporarily_unavailable",
                    RateLimits.TOO_MANY, JsonResponses.retryAfter(retryAfter));
        });
    }

    private static void sendTokens(ServerResponse response, TokenResponse tokens) {
        JsonResponses.send(response, Status.OK_200, tokens.toJson(), JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
    }

    /** The mfa-otp grant's answer to a wrong, used or throttled code. */
    private static HttpProblem wrongCode(Header... headers) {
        return HttpProblem.oauth(Status.BAD_REQUEST_400, "Invalid one-time code", "invalid_grant",
                "The one-time code or recovery code is wrong or already used", headers);
    }

    /** The password grant's one failure answer, the tutorial's 401. */
    private static HttpProblem invalidCredentials(Header... extraHeaders) {
        Header[] headers = new Header[extraHeaders.length + 1];
        headers[0] = WWW_AUTHENTICATE_BEARER;
        System.arraycopy(extraHeaders, 0, headers, 1, extraHeaders.length);
        return HttpProblem.oauth(Status.UNAUTHORIZED_401, "Incorrect username or password", "invalid_grant",
                "Incorrect username or password", headers);
    }

    /** Client authentication is on when the settings register clients, or clients are registered as data. */
    private boolean clientAuthentication() {
        return settings.clientAuthentication() || clientsRegistered.anyRegistered();
    }

    /**
     * The client credentials of the request, when client authentication is on: HTTP Basic or the form fields, not
     * both (RFC 6749 section 2.3: one method per request); a {@code client_id} field naming the Basic client too
     * only identifies it, so it is allowed. Off, nothing is read: the tutorial's clients may send anything.
     */
    private SentClient sentClient(ServerRequest request, FormBody form) {
        if (!clientAuthentication()) {
            return SentClient.NONE;
        }
        Optional<String> formId = form.value("client_id").filter(value -> !value.isEmpty());
        Optional<String> formSecret = form.value("client_secret").filter(value -> !value.isEmpty());
        Optional<String> assertion = form.value("client_assertion").filter(value -> !value.isEmpty());
        Optional<String> assertionType = form.value("client_assertion_type").filter(value -> !value.isEmpty());
        Optional<ClientCredentials> basic = basicCredentials(request);
        if (assertion.isPresent() || assertionType.isPresent()) {
            // private_key_jwt (RFC 7523 section 2.2): the assertion is the only credential of the request.
            if (assertion.isEmpty() || assertionType.isEmpty()) {
                throw invalidRequest("Parameters client_assertion and client_assertion_type go together");
            }
            if (basic.isPresent() || formSecret.isPresent()) {
                throw invalidRequest("Client credentials must be sent one way only: a client assertion, HTTP Basic or form fields");
            }
            if (!assertionType.get().equals(JWT_BEARER)) {
                throw invalidClient(SentClient.NONE);
            }
            return new SentClient(Optional.of(ClientCredentials.assertion(formId.orElse(""), assertion.get())), false);
        }
        if (basic.isPresent()) {
            if (formSecret.isPresent() || formId.filter(id -> !id.equals(basic.get().clientId())).isPresent()) {
                throw invalidRequest("Client credentials must be sent one way only: HTTP Basic or form fields");
            }
            return new SentClient(basic, true);
        }
        if (formSecret.isPresent() && formId.isEmpty()) {
            throw invalidRequest("Parameter client_secret needs client_id");
        }
        return new SentClient(formId.map(id -> new ClientCredentials(id, formSecret)), false);
    }

    /**
     * {@code Authorization: Basic base64(urlencode(id) ":" urlencode(secret))} (RFC 6749 section 2.3.1); empty for no
     * {@code Authorization} header or another scheme, which is not client authentication. An empty secret is no
     * secret (a public client). Malformed Basic credentials are a failed client authentication.
     */
    private static Optional<ClientCredentials> basicCredentials(ServerRequest request) {
        List<String> values = request.headers().all(HeaderNames.AUTHORIZATION, List::of);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.getFirst().strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        SentClient basic = new SentClient(Optional.empty(), true);
        if (values.size() > 1 || space < 0 || value.length() > MAX_BASIC_CREDENTIALS_CHARS) {
            throw invalidClient(basic);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.substring(space + 1).strip());
        } catch (IllegalArgumentException notBase64) {
            throw invalidClient(basic);
        }
        String text = JsonCodec.decodeUtf8(decoded).orElseThrow(() -> invalidClient(basic));
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw invalidClient(basic);
        }
        String id = FormBody.decode(text.substring(0, colon)).filter(it -> !it.isEmpty()).orElseThrow(() -> invalidClient(basic));
        String secret = FormBody.decode(text.substring(colon + 1)).orElseThrow(() -> invalidClient(basic));
        return Optional.of(new ClientCredentials(id, Optional.of(secret).filter(it -> !it.isEmpty())));
    }

    /**
     * RFC 6749 section 5.2's {@code invalid_client}, 401. A client that tried HTTP Basic is told to use it again
     * ({@code WWW-Authenticate: Basic}, which the RFC requires); one that sent form fields gets no challenge, which
     * would make a browser ask its user for a password.
     */
    private static HttpProblem invalidClient(SentClient sentClient) {
        Header[] headers = sentClient.basic() ? new Header[] {WWW_AUTHENTICATE_BASIC} : new Header[0];
        return HttpProblem.oauth(Status.UNAUTHORIZED_401, "Invalid client", "invalid_client", "Client authentication failed",
                headers);
    }

    /**
     * An absent or empty grant_type is the password grant, as FastAPI's form allows it. The client credentials and
     * authorization code grants exist only when clients are registered (there is no client to issue for otherwise, and
     * redirect URIs are theirs), as the metadata says; without, they are refused as before.
     */
    private Grant grant(FormBody form) {
        boolean clients = clientAuthentication();
        String grant = form.value("grant_type").orElse("");
        boolean needsClients = grant.equals("client_credentials") || grant.equals("authorization_code");
        if (grant.equals(MFA_OTP)) {
            return Grant.MFA_OTP;
        }
        return switch (needsClients && !clients ? "unsupported" : grant) {
            case "", "password" -> Grant.PASSWORD;
            case "refresh_token" -> Grant.REFRESH_TOKEN;
            case "client_credentials" -> Grant.CLIENT_CREDENTIALS;
            case "authorization_code" -> Grant.AUTHORIZATION_CODE;
            default -> throw HttpProblem.oauth(Status.BAD_REQUEST_400, "Unsupported grant type", "unsupported_grant_type",
                    clients ? "Only the password, refresh_token, client_credentials, authorization_code and " + MFA_OTP
                            + " grants are supported"
                            : "Only the password, refresh_token and " + MFA_OTP + " grants are supported");
        };
    }

    private static void refuseRepeated(FormBody form, List<String> parameters) {
        Optional<String> repeated = parameters.stream().filter(form::isRepeated).findFirst();
        if (repeated.isPresent()) {
            throw invalidRequest("Parameter " + repeated.get() + " must not be repeated");
        }
    }

    private static LogInCommand command(FormBody form, ClientAddress client, Optional<String> knownDevice,
                                        Optional<ClientCredentials> clientCredentials, Optional<Audience> resource) {
        List<FieldError> errors = new ArrayList<>();
        String username = required(form, "username", Function.identity(), errors);
        PlainPassword password = required(form, "password", PlainPassword::new, errors);
        if (!errors.isEmpty()) {
            throw HttpProblem.validation(errors);
        }
        return new LogInCommand(username, password, scopes(form.value("scope").orElse(null)), client, knownDevice,
                clientCredentials, resource);
    }

    /** Like FastAPI's form fields, an empty value counts as missing. */
    private static <T> T required(FormBody form, String field, Function<String, T> factory, List<FieldError> errors) {
        Optional<String> value = form.value(field).filter(text -> !text.isEmpty());
        if (value.isEmpty()) {
            errors.add(FieldError.missing(field));
            return null;
        }
        try {
            return factory.apply(value.get());
        } catch (IllegalArgumentException invalid) {
            errors.add(FieldError.invalid(field, invalid.getMessage()));
            return null;
        }
    }

    private static Set<Scope> scopes(String scope) {
        try {
            return Scope.parseList(scope);
        } catch (IllegalArgumentException invalid) {
            throw HttpProblem.oauth(Status.BAD_REQUEST_400, "Invalid scope", "invalid_scope", invalid.getMessage());
        }
    }

    private static HttpProblem invalidRequest(String description) {
        return HttpProblem.oauth(Status.BAD_REQUEST_400, description, "invalid_request", description);
    }
}
