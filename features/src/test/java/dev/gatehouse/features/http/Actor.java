package dev.gatehouse.features.http;

import dev.gatehouse.features.ActorMemory;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.util.Map;

/**
 * One person (or application) talking to Gatehouse over HTTP: their own client (cookies, known device), the tokens
 * their last login, renewal or password change earned, and the last answer they got. A second device, the
 * laptop, is an actor of its own that belongs to this one.
 */
public final class Actor extends ActorMemory {

    private final URI gatehouse;
    private final GatehouseClient client;
    private GatehouseClient.Answer answer;
    private String accessToken;
    private Actor laptop;

    Actor(String name, URI gatehouse) {
        super(name);
        this.gatehouse = gatehouse;
        this.client = new GatehouseClient(gatehouse);
    }

    GatehouseClient.Answer register(Map<String, Object> fields) {
        lastPassword = String.valueOf(fields.get("password"));
        answer = client.register(fields);
        if (answer.status() == 201) {
            username = answer.json().getString("username");
        }
        return answer;
    }

    /** The password grant, asking for {@code scope} and through {@code application} when they are not null. */
    GatehouseClient.Answer logIn(String username, String password, String scope, GatehouseClient.ClientApplication application) {
        return keepingTokens(client.logIn(username, password, scope, application), false);
    }

    /** Renews their own session, through {@code application} when it is not null. */
    GatehouseClient.Answer renew(GatehouseClient.ClientApplication application) {
        return keepingTokens(client.refresh(refreshToken(), application), true);
    }

    /** Presents a refresh token that is not their own (or no longer is), through {@code application} when not null. */
    GatehouseClient.Answer renewWith(String someRefreshToken, GatehouseClient.ClientApplication application) {
        return answer = client.refresh(someRefreshToken, application);
    }

    /** An application exchanges a code for this actor's tokens, which they keep when it works. */
    GatehouseClient.Answer redeemsCode(String code, String redirectUri, String codeVerifier,
                                       GatehouseClient.ClientApplication application) {
        return keepingTokens(client.redeemCode(code, redirectUri, codeVerifier, application), false);
    }

    /** An application asks for a token about itself, for {@code scope} when it is not null. */
    GatehouseClient.Answer asksForItsOwnToken(GatehouseClient.ClientApplication application, String scope) {
        return answer = client.clientCredentials(application, scope);
    }

    /** Takes a copy of someone else's refresh token as their own, as a thief does. */
    void copies(String someRefreshToken) {
        refreshToken = someRefreshToken;
    }

    GatehouseClient.Answer changePassword(String current, String replacement) {
        return keepingTokens(client.changePassword(accessToken(), current, replacement), true);
    }

    /** Asks who they are with their own bearer token. */
    GatehouseClient.Answer asksWhoTheyAre() {
        return asksWhoTheyAre(accessToken());
    }

    /** Asks who they are with this bearer token, or none when it is null. */
    GatehouseClient.Answer asksWhoTheyAre(String bearerToken) {
        return answer = client.currentUser(bearerToken);
    }

    GatehouseClient.Answer logOut(boolean everywhere) {
        return answer = client.logOut(accessToken(), everywhere);
    }

    GatehouseClient.Answer revoke(String token) {
        return answer = client.revoke(token);
    }

    /** {@code method} on an administration path, with their bearer token. */
    GatehouseClient.Answer administer(String method, String path) {
        return answer = client.administer(method, path, accessToken());
    }

    private GatehouseClient.Answer keepingTokens(GatehouseClient.Answer received, boolean replacesSession) {
        if (received.status() == 200) {
            if (replacesSession) {
                spentRefreshToken = refreshToken;
            }
            accessToken = received.json().getString("access_token");
            refreshToken = received.json().getString("refresh_token");
        }
        return answer = received;
    }

    /** Sends {@code fields} as JSON to {@code path} (the account-recovery endpoints, which need no token). */
    GatehouseClient.Answer postsJson(String path, Map<String, String> fields) {
        return answer = client.postJson(path, fields);
    }

    /** Sends {@code fields} as JSON to {@code path} with their bearer token (their own account's endpoints). */
    GatehouseClient.Answer postsJsonAsThemselves(String path, Map<String, String> fields) {
        return answer = client.postJson(path, fields, accessToken());
    }

    /** Completes a login that asked for a second factor with a code, or when it is null a recovery code. */
    GatehouseClient.Answer completesLogin(String mfaToken, String code, String recoveryCode) {
        return keepingTokens(client.completeLogin(mfaToken, code, recoveryCode), false);
    }

    /** Their second device: its own client and tokens. */
    Actor laptop() {
        if (laptop == null) {
            laptop = new Actor(name + "'s laptop", gatehouse);
        }
        return laptop;
    }

    GatehouseClient.Answer answer() {
        assertNotNull(answer, () -> name + " has had no answer yet");
        return answer;
    }

    String accessToken() {
        assertNotNull(accessToken, () -> name + " has not logged in");
        return accessToken;
    }
}
