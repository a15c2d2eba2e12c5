package dev.gatehouse.bootstrap;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser and its relying party, as far as the authorization code flow needs them, over java.net.http: a cookie jar,
 * redirects followed by hand (the client's redirect URI is not served, so the test reads the code off the
 * {@code Location}), the sign-in page's form read from its HTML and posted back, and the code exchanged at
 * {@code /token} with the PKCE verifier.
 */
final class CodeFlowBrowser {

    static final String CLIENT_ID = "web-app";
    static final String CALLBACK = "http://127.0.0.1/callback";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot);");

    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final String verifier = randomVerifier();
    private final int port;
    private final String clientId;

    CodeFlowBrowser(int port) {
        this(port, CLIENT_ID);
    }

    /** A browser of the relying party registered as {@code clientId} (with the same redirect URI). */
    CodeFlowBrowser(int port, String clientId) {
        this.port = port;
        this.clientId = clientId;
    }

    /** The query of an authorization request for the registered client, with this browser's PKCE challenge. */
    Map<String, String> request() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", CALLBACK);
        query.put("scope", "me");
        query.put("state", "af0ifjsldkj");
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.put("nonce", "n-0S6_WzA2Mj");
        return query;
    }

    HttpResponse<String> authorize(Map<String, String> query) {
        return send(HttpRequest.newBuilder(uri("/authorize?" + form(query))).GET());
    }

    /** The hidden fields of the sign-in page, unescaped. */
    static Map<String, String> hiddenFields(HttpResponse<String> page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(page.body());
        while (hidden.find()) {
            fields.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
        }
        return fields;
    }

    HttpResponse<String> postForm(Map<String, String> fields) {
        return send(HttpRequest.newBuilder(uri("/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** The consent page's form, answered with {@code decision} ({@code allow} or {@code deny}). */
    HttpResponse<String> answerConsent(Map<String, String> fields, String decision) {
        Map<String, String> answer = new LinkedHashMap<>(fields);
        answer.put("decision", decision);
        return send(HttpRequest.newBuilder(uri("/authorize/consent"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(answer))));
    }

    /** The sign-in page's form with these credentials. */
    HttpResponse<String> signIn(HttpResponse<String> page, String username, String password) {
        Map<String, String> fields = hiddenFields(page);
        fields.put("username", username);
        fields.put("password", password);
        return postForm(fields);
    }

    /**
     * The whole front channel: ask, sign in (unless this browser's session spares it the page), and return the code
     * the browser was sent back with.
     */
    String codeFor(String username, String password) {
        HttpResponse<String> page = authorize(request());
        if (page.statusCode() == 302) {
            return queryOf(page).get("code");
        }
        if (page.statusCode() != 200) {
            throw new AssertionError("expected the sign-in page, got " + page.statusCode() + " " + page.headers().map() + ": " + page.body());
        }
        HttpResponse<String> back = signIn(page, username, password);
        if (back.statusCode() != 303) {
            throw new AssertionError("expected 303 after sign-in, got " + back.statusCode() + ": " + back.body());
        }
        return queryOf(back).get("code");
    }

    /** A GET of {@code pathAndQuery} with this browser's cookies. */
    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    /** A web form posted to {@code path} with this browser's cookies. */
    HttpResponse<String> postTo(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    HttpResponse<String> exchange(String code, String redirectUri, String codeVerifier) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        fields.put("redirect_uri", redirectUri);
        fields.put("code_verifier", codeVerifier);
        fields.put("client_id", clientId);
        return send(HttpRequest.newBuilder(uri("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    HttpResponse<String> exchange(String code) {
        return exchange(code, CALLBACK, verifier);
    }

    HttpResponse<String> refresh(String refreshToken) {
        return send(HttpRequest.newBuilder(uri("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "refresh_token",
                        "refresh_token", refreshToken, "client_id", clientId)))));
    }

    /** The decoded query of a redirect's {@code Location}. */
    static Map<String, String> queryOf(HttpResponse<String> redirect) {
        return queryOf(URI.create(redirect.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"))));
    }

    /** The decoded query of {@code uri}. */
    static Map<String, String> queryOf(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String randomVerifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String form(Map<String, String> fields) {
        StringJoiner joined = new StringJoiner("&");
        fields.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    private static String unescape(String html) {
        Matcher entity = ENTITY.matcher(html);
        StringBuilder text = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                default -> Character.toString(name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1)));
            };
            entity.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(text);
        return text.toString();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
