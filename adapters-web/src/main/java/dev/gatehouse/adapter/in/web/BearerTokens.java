package dev.gatehouse.adapter.in.web;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Optional;

/**
 * The bearer token of a request (RFC 6750 section 2.1) and the two 401 answers of FastAPI's
 * {@code OAuth2PasswordBearer}, shared by every endpoint behind a token so they all answer alike.
 */
final class BearerTokens {

    private static final Header WWW_AUTHENTICATE_BEARER =
            HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Bearer");
    private static final Header WWW_AUTHENTICATE_INVALID_TOKEN =
            HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");

    private BearerTokens() {
    }

    /** The token of a single {@code Authorization: Bearer <token>} header, else 401 {@code Not authenticated}. */
    static String require(ServerRequest request) {
        return of(request).orElseThrow(
                () -> HttpProblem.detail(Status.UNAUTHORIZED_401, "Not authenticated", WWW_AUTHENTICATE_BEARER));
    }

    /** 401 {@code Could not validate credentials}: the token is not genuine, has expired or no longer counts. */
    static HttpProblem invalidToken() {
        return HttpProblem.detail(Status.UNAUTHORIZED_401, "Could not validate credentials", WWW_AUTHENTICATE_INVALID_TOKEN);
    }

    /** The credentials of a single {@code Authorization: Bearer <token>} header (scheme case-insensitive). */
    static Optional<String> of(ServerRequest request) {
        List<String> values = request.headers().all(HeaderNames.AUTHORIZATION, List::of);
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.getFirst().strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        return Optional.of(value.substring(space + 1).strip()).filter(token -> !token.isEmpty());
    }
}
