package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The calls and expected bodies the session endpoint tests (logout, revocation, password change) share. */
final class SessionRequests {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String NOT_AUTHENTICATED = """
            {"detail":"Not authenticated"}""";
    static final String INVALID_CREDENTIALS = """
            {"detail":"Could not validate credentials"}""";
    static final String INVALID_REFRESH_TOKEN = """
            {"detail":"Invalid refresh token","error":"invalid_grant",
             "error_description":"The refresh token is invalid, expired, revoked or already used"}""";

    private SessionRequests() {
    }

    /** Logs in with the password grant, asserts 200 and answers the token response. */
    static JsonObject logIn(Http1Client client, String username, String password) {
        Reply reply = Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("username=" + encode(username) + "&password=" + encode(password)));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    static Reply refresh(Http1Client client, String refreshToken) {
        return Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("grant_type=refresh_token&refresh_token=" + encode(refreshToken)));
    }

    static Reply me(Http1Client client, String accessToken) {
        return Reply.of(client.get("/users/me").header(HeaderNames.AUTHORIZATION, "Bearer " + accessToken).request());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
