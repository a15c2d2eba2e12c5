package dev.gatehouse.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few HTTP calls the bootstrap ITs make against a running Gatehouse, the way a tutorial client makes them. */
final class TestHttp {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern DEVICE_TOKEN = Pattern.compile("\"device_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    TestHttp(int port) {
        this.port = port;
    }

    HttpResponse<String> register(String username, String password) {
        return send(HttpRequest.newBuilder(uri("/users/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")));
    }

    HttpResponse<String> logIn(String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A password login with more form fields ({@code scope}, {@code device_token}, ...). */
    HttpResponse<String> logIn(String username, String password, Map<String, String> more) {
        StringBuilder form = new StringBuilder("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        more.forEach((name, value) -> form.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(uri("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    HttpResponse<String> changePassword(String accessToken, String current, String replacement) {
        return send(HttpRequest.newBuilder(uri("/users/me/password"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"current_password\":\"" + current + "\",\"new_password\":\"" + replacement + "\"}")));
    }

    /** An administration call: {@code method} on {@code path} (under /admin/users), with an admin-scoped token. */
    HttpResponse<String> admin(String method, String path, String accessToken) {
        return send(HttpRequest.newBuilder(uri("/admin/users" + path))
                .header("Authorization", "Bearer " + accessToken)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> me(String accessToken) {
        return send(HttpRequest.newBuilder(uri("/users/me")).header("Authorization", "Bearer " + accessToken).GET());
    }

    HttpResponse<String> refresh(String refreshToken) {
        return send(HttpRequest.newBuilder(uri("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8))));
    }

    /** RFC 7009 revocation of {@code token}, without a hint. */
    HttpResponse<String> revoke(String token) {
        return send(HttpRequest.newBuilder(uri("/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    }

    HttpResponse<String> logOut(String accessToken, boolean everywhere) {
        return send(HttpRequest.newBuilder(uri("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.ofString(everywhere ? "everywhere=true" : "")));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    static String accessToken(HttpResponse<String> tokenResponse) {
        return field(ACCESS_TOKEN, "access token", tokenResponse);
    }

    static String deviceToken(HttpResponse<String> tokenResponse) {
        return field(DEVICE_TOKEN, "device token", tokenResponse);
    }

    static String refreshToken(HttpResponse<String> tokenResponse) {
        return field(REFRESH_TOKEN, "refresh token", tokenResponse);
    }

    private static String field(Pattern pattern, String name, HttpResponse<String> tokenResponse) {
        Matcher matcher = pattern.matcher(tokenResponse.body());
        if (!matcher.find()) {
            throw new AssertionError("no " + name + " in " + tokenResponse.statusCode() + " " + tokenResponse.body());
        }
        return matcher.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
