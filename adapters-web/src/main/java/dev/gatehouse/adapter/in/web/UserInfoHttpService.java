package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.UserInfoQuery;
import dev.gatehouse.application.port.in.UserInfoResult;
import dev.gatehouse.application.port.in.UserInfoUseCase;
import dev.gatehouse.domain.StandardClaims;
import dev.gatehouse.support.json.JsonCodec;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET} and {@code POST /userinfo} (OpenID Connect Core 1.0 section 5.3): the claims an {@code openid} access
 * token's scopes release about its user, as JSON, never cached. The token comes in the {@code Authorization: Bearer}
 * header (RFC 6750 section 2.1) or, on {@code POST}, as the {@code access_token} field of a form body (section 2.2,
 * which OpenID Connect lets a relying party use); both at once, or the field twice, is 400 {@code invalid_request}.
 * The other errors are RFC 6750's: 401 without a token ({@code WWW-Authenticate: Bearer}),
 * 401 {@code invalid_token}, 403 {@code insufficient_scope} for a token without {@code openid}, each with the
 * {@code detail}, {@code error} and {@code error_description} body of the other endpoints.
 */
final class UserInfoHttpService implements RoutedService {

    static final String PATH = "/userinfo";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String ACCESS_TOKEN = "access_token";

    private static final Header WWW_AUTHENTICATE_BEARER = HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE,
            "Bearer realm=\"userinfo\"");
    private static final Header WWW_AUTHENTICATE_INVALID_TOKEN = HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE,
            "Bearer realm=\"userinfo\", error=\"invalid_token\"");
    private static final Header WWW_AUTHENTICATE_INSUFFICIENT_SCOPE = HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE,
            "Bearer realm=\"userinfo\", error=\"insufficient_scope\", scope=\"openid\"");

    private final UserInfoUseCase userInfo;

    UserInfoHttpService(UserInfoUseCase userInfo) {
        this.userInfo = Objects.requireNonNull(userInfo, "userInfo");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get(PATH, (request, response) -> userInfo(BearerTokens.of(request), response)),
                Route.post(PATH, (request, response) -> userInfo(headerOrBody(request), response)));
    }

    /** The token of the header or of the form body's {@code access_token} (RFC 6750 section 2.2), never both. */
    private static Optional<String> headerOrBody(ServerRequest request) {
        Optional<String> header = BearerTokens.of(request);
        byte[] body = Requests.body(request);
        if (body.length == 0) {
            return header;
        }
        Requests.requireMediaType(request, FORM, "Content-Type must be " + FORM);
        List<String> inBody = FormBody.parse(body).orElseThrow(() -> invalidRequest("Malformed form body"))
                .fields().getOrDefault(ACCESS_TOKEN, List.of());
        if (inBody.size() > 1 || (header.isPresent() && !inBody.isEmpty())) {
            throw invalidRequest("Send the access token once: in the Authorization header or as the access_token field");
        }
        return inBody.isEmpty() ? header : Optional.of(inBody.getFirst()).filter(token -> !token.isBlank());
    }

    private static HttpProblem invalidRequest(String description) {
        return HttpProblem.oauth(Status.BAD_REQUEST_400, description, "invalid_request", description, JsonResponses.NO_STORE);
    }

    private void userInfo(Optional<String> sent, ServerResponse response) {
        String token = sent.orElseThrow(() -> HttpProblem.oauth(Status.UNAUTHORIZED_401,
                "Not authenticated", "invalid_request", "Send the access token as Authorization: Bearer <token>",
                WWW_AUTHENTICATE_BEARER, JsonResponses.NO_STORE));
        switch (userInfo.userInfo(new UserInfoQuery(token))) {
            case UserInfoResult.Claims(StandardClaims claims) ->
                    JsonResponses.send(response, Status.OK_200, json(claims).build(), JsonResponses.NO_STORE);
            case UserInfoResult.InvalidToken invalid -> throw HttpProblem.oauth(Status.UNAUTHORIZED_401,
                    "Could not validate credentials", "invalid_token",
                    "The access token is invalid, expired or revoked", WWW_AUTHENTICATE_INVALID_TOKEN, JsonResponses.NO_STORE);
            case UserInfoResult.InsufficientScope insufficient -> throw HttpProblem.oauth(Status.FORBIDDEN_403,
                    "Not enough permissions", "insufficient_scope",
                    "The access token was not granted the openid scope", WWW_AUTHENTICATE_INSUFFICIENT_SCOPE,
                    JsonResponses.NO_STORE);
        }
    }

    /** The standard claims by name (OpenID Connect Core section 5.1); a claim without a value is left out. */
    static JsonObjectBuilder json(StandardClaims claims) {
        JsonObjectBuilder json = JsonCodec.BUILDERS.createObjectBuilder().add("sub", claims.subject());
        claims.preferredUsername().ifPresent(value -> json.add("preferred_username", value));
        claims.name().ifPresent(value -> json.add("name", value));
        claims.email().ifPresent(value -> json.add("email", value));
        claims.emailVerified().ifPresent(value -> json.add("email_verified", value));
        return json;
    }
}
