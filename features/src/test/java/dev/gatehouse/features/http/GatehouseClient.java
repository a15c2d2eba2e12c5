package dev.gatehouse.features.http;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Speaks to Gatehouse the way a client of FastAPI's tutorial does: form login, JSON registration, bearer
 * tokens. Each instance keeps its own cookies, like one person's browser or app, and, like an API client without a
 * cookie jar, the {@code device_token} of its last successful login, which it sends back with the next one (so the
 * known-device scenarios also hold against a deployment over plain HTTP, where a Secure cookie never comes back).
 */
final class GatehouseClient {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final URI base;
    private volatile String deviceToken;

    /** {@code base} ends with {@code /}; the endpoints resolve beneath it, so a path prefix is kept. */
    GatehouseClient(URI base) {
        this.base = base;
    }

    /** Gatehouse's grant for the second step of a login (Auth0's mfa-otp is the prior art). */
    static final String MFA_OTP_GRANT = "urn:gatehouse:params:oauth:grant-type:mfa-otp";

    Answer register(Map<String, Object> fields) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        fields.forEach((name, value) -> {
            if (value instanceof Boolean flag) {
                body.add(name, flag);
            } else {
                body.add(name, String.valueOf(value));
            }
        });
        return send(HttpRequest.newBuilder(base.resolve("users/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())));
    }

    /**
     * How a client application identifies itself (RFC 6749 section 2.3.1): HTTP Basic, or the form fields
     * {@code client_id} and {@code client_secret}; a public application sends no secret.
     */
    record ClientApplication(String id, String secret, boolean basic) {

        void addTo(Map<String, String> form, HttpRequest.Builder request) {
            if (basic) {
                String credentials = encode(id) + ":" + encode(secret == null ? "" : secret);
                request.header("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
                return;
            }
            form.put("client_id", id);
            if (secret != null) {
                form.put("client_secret", secret);
            }
        }
    }

    Answer logIn(String username, String password) {
        return logIn(username, password, null, null);
    }

    /** The password grant asking for {@code scope} (space-separated), or for none when it is null. */
    Answer logIn(String username, String password, String scope) {
        return logIn(username, password, scope, null);
    }

    /** The password grant, through {@code application} when it is not null. */
    Answer logIn(String username, String password, ClientApplication application) {
        return logIn(username, password, null, application);
    }

    /** The password grant asking for {@code scope} when not null, through {@code application} when not null. */
    Answer logIn(String username, String password, String scope, ClientApplication application) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        if (password != null) {
            form.put("password", password);
        }
        if (scope != null) {
            form.put("scope", scope);
        }
        if (deviceToken != null) {
            form.put("device_token", deviceToken);
        }
        return rememberingDevice(postForm("token", form, null, application));
    }

    /** Keeps the known-device credential a login or a password change earned, as a cookie jar would. */
    private Answer rememberingDevice(Answer answer) {
        if (answer.status() == 200 && answer.json().containsKey("device_token")) {
            deviceToken = answer.json().getString("device_token");
        }
        return answer;
    }

    /** The refresh grant (RFC 6749 section 6). */
    Answer refresh(String refreshToken) {
        return refresh(refreshToken, null);
    }

    /** The refresh grant, through {@code application} when it is not null. */
    Answer refresh(String refreshToken, ClientApplication application) {
        return postForm("token", new LinkedHashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)), null,
                application);
    }

    /** The authorization code grant (RFC 6749 section 4.1.3) with the PKCE verifier (RFC 7636 section 4.5). */
    Answer redeemCode(String code, String redirectUri, String codeVerifier, ClientApplication application) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        return postForm("token", form, null, application);
    }

    /** The client credentials grant (RFC 6749 section 4.4), asking for {@code scope} when it is not null. */
    Answer clientCredentials(ClientApplication application, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        return postForm("token", form, null, application);
    }

    /** Token revocation (RFC 7009). */
    Answer revoke(String token) {
        return postForm("revoke", Map.of("token", token), null);
    }

    Answer logOut(String bearerToken, boolean everywhere) {
        return postForm("logout", everywhere ? Map.of("everywhere", "true") : Map.of(), bearerToken);
    }

    Answer changePassword(String bearerToken, String currentPassword, String newPassword) {
        String body = Json.createObjectBuilder().add("current_password", currentPassword).add("new_password", newPassword)
                .build().toString();
        return rememberingDevice(send(HttpRequest.newBuilder(base.resolve("users/me/password"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearerToken)
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** POSTs {@code fields} as a JSON object to {@code path}. */
    Answer postJson(String path, Map<String, String> fields) {
        return postJson(path, fields, null);
    }

    /** POSTs {@code fields} as a JSON object to {@code path}, with a bearer token when it is not null. */
    Answer postJson(String path, Map<String, String> fields, String bearerToken) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        fields.forEach(body::add);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString()));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    /** The second step of a login with a second factor: the mfa-otp grant with a code or, when it is null, a recovery code. */
    Answer completeLogin(String mfaToken, String code, String recoveryCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", MFA_OTP_GRANT);
        form.put("mfa_token", mfaToken);
        form.put(code != null ? "otp" : "recovery_code", code != null ? code : recoveryCode);
        return rememberingDevice(postForm("token", form, null));
    }

    private Answer postForm(String path, Map<String, String> fields, String bearerToken) {
        return postForm(path, fields, bearerToken, null);
    }

    private Answer postForm(String path, Map<String, String> fields, String bearerToken, ClientApplication application) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (application != null) {
            application.addTo(form, request);
        }
        String body = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        request.POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    Answer currentUser(String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("users/me")).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code method} on an administration path such as {@code admin/users/jane/disable}, with a bearer token. */
    Answer administer(String method, String path, String bearerToken) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + bearerToken)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.headers().firstValue("Cache-Control").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from Gatehouse at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer, with the headers the tutorial's contract speaks of. */
    record Answer(int status, String body, String wwwAuthenticate, String cacheControl, String retryAfter) {

        JsonObject json() {
            JsonStructure parsed = Json.createReader(new StringReader(body)).read();
            return parsed.asJsonObject();
        }

        String detail() {
            return json().getString("detail");
        }
    }
}
