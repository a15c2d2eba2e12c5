package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser on the account page over java.net.http: a cookie jar, redirects followed by hand (the sign-in page sends it
 * back to the public URL, which the test maps onto the local server), forms read from the page's HTML.
 */
final class AccountBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("name=\"session_id\" value=\"([^\"]+)\"");
    private static final Pattern NOTICE = Pattern.compile("<p id=\"notice\">([^<]*)</p>");

    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;

    AccountBrowser(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    /** A raw POST to the account page, with whatever body and content type a test wants. */
    HttpResponse<String> postRaw(String contentType, String body) {
        return send(HttpRequest.newBuilder(uri("/account")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A form of the page: {@code action} with the page's anti-forgery token and {@code fields}. */
    HttpResponse<String> act(HttpResponse<String> page, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", csrf(page));
        form.put("action", action);
        form.putAll(fields);
        return postRaw("application/x-www-form-urlencoded", CodeFlowBrowser.form(form));
    }

    /** {@link #act} and, for a redirect (Post/Redirect/Get), the page it leads to. */
    HttpResponse<String> actAndFollow(HttpResponse<String> page, String action, Map<String, String> fields) {
        return follow(act(page, action, fields));
    }

    HttpResponse<String> follow(HttpResponse<String> response) {
        if (response.statusCode() != 303 && response.statusCode() != 302) {
            return response;
        }
        return get(local(response.headers().firstValue("Location").orElseThrow()));
    }

    /** Opens the account page, signing in on the sign-in page if asked to; answers the account page. */
    HttpResponse<String> signIn(String username, String password) {
        HttpResponse<String> start = get("/account");
        if (start.statusCode() == 200) {
            return start;
        }
        assertEquals(303, start.statusCode(), start.body());
        HttpResponse<String> authorize = get(local(start.headers().firstValue("Location").orElseThrow()));
        HttpResponse<String> back;
        if (authorize.statusCode() == 302) {
            back = authorize;
        } else {
            assertEquals(200, authorize.statusCode(), authorize.body());
            Map<String, String> fields = CodeFlowBrowser.hiddenFields(authorize);
            fields.put("username", username);
            fields.put("password", password);
            back = send(HttpRequest.newBuilder(uri("/authorize")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(CodeFlowBrowser.form(fields))));
            assertEquals(303, back.statusCode(), back.body());
        }
        String location = back.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("/account/callback?code="), location);
        HttpResponse<String> callback = get(local(location));
        assertEquals(303, callback.statusCode(), () -> "DEBUG start=" + start.headers().map() + " location=" + location
                + " cookies=" + ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies() + " " + callback.body());
        HttpResponse<String> page = follow(callback);
        assertEquals(200, page.statusCode(), page.body());
        return page;
    }

    static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertTrue(matcher.find(), page.body());
        return matcher.group(1);
    }

    static List<String> sessionIds(HttpResponse<String> page) {
        return SESSION.matcher(page.body()).results().map(result -> result.group(1)).toList();
    }

    static String notice(HttpResponse<String> page) {
        Matcher matcher = NOTICE.matcher(page.body());
        return matcher.find() ? matcher.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&") : "";
    }

    /** The path and query of {@code location}: the public URL's host is this server. */
    static String local(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
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
