package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's web browser at Gatehouse's sign-in page ({@code /authorize}), as plain as a browser gets: it keeps the
 * cookies Gatehouse sets (the {@code Secure} ones too, as browsers do for {@code localhost}, which is where the
 * scenarios run), sends them back, fills in and submits the page's form with its hidden fields, and does not follow
 * redirects, so the steps can see where it is sent. No JavaScript: the page needs none.
 */
final class Browser {

    private static final Pattern HIDDEN_FIELD = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|#(\\d+)|#x([0-9a-fA-F]+));");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private Page page;

    /** What the browser shows after a request: a page, or a redirect elsewhere. */
    record Page(int status, Optional<String> location, String body) {

        /** The hidden fields of the page's form, unescaped, in order. */
        Map<String, String> hiddenFields() {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher field = HIDDEN_FIELD.matcher(body);
            while (field.find()) {
                fields.put(unescape(field.group(1)), unescape(field.group(2)));
            }
            return fields;
        }

        boolean isConsentForm() {
            return body.contains("action=\"/authorize/consent\"") && body.contains("name=\"decision\"");
        }

        boolean isSignInForm() {
            return body.contains("name=\"password\"") && body.contains("form method=\"post\"");
        }
    }

    Browser(URI base) {
        this.base = base;
    }

    /** Goes to {@code /authorize} with these query parameters, as an application's link sends it there. */
    Page open(Map<String, String> query) {
        return page = send(HttpRequest.newBuilder(base.resolve("authorize?" + form(query))).GET());
    }

    /** Fills in the sign-in page's username and password and submits its form. */
    Page signIn(String username, String password) {
        assertTrue(page != null && page.isSignInForm(), () -> "the browser shows no sign-in form: " + page);
        Map<String, String> fields = new LinkedHashMap<>(page.hiddenFields());
        fields.put("username", username);
        fields.put("password", password);
        return page = send(HttpRequest.newBuilder(base.resolve("authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** Answers the consent page with one of its buttons ({@code allow} or {@code deny}). */
    Page answerConsent(String decision) {
        assertTrue(page != null && page.isConsentForm(), () -> "the browser shows no consent page: " + page);
        Map<String, String> fields = new LinkedHashMap<>(page.hiddenFields());
        fields.put("decision", decision);
        return page = send(HttpRequest.newBuilder(base.resolve("authorize/consent"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** Follows an application's logout link to {@code /authorize/end-session} with these query parameters. */
    Page openLogOut(Map<String, String> query) {
        return page = send(HttpRequest.newBuilder(base.resolve("authorize/end-session?" + form(query))).GET());
    }

    /** Presses the button of the page's logout form, which posts its hidden fields back. */
    Page confirmLogOut() {
        assertTrue(page != null && page.body().contains("Log out?"), () -> "the browser shows no logout page: " + page);
        return page = send(HttpRequest.newBuilder(base.resolve("authorize/end-session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(page.hiddenFields()))));
    }

    Page page() {
        assertTrue(page != null, "the browser has not been anywhere yet");
        return page;
    }

    private Page send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            return new Page(response.statusCode(), response.headers().firstValue("Location"), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from Gatehouse at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keeps a cookie as {@code Set-Cookie} gives it, or forgets it when it is set to expire now. */
    private void keep(String setCookie) {
        String[] attributes = setCookie.split(";");
        int equals = attributes[0].indexOf('=');
        String name = attributes[0].substring(0, equals).strip();
        String value = attributes[0].substring(equals + 1).strip();
        boolean expired = false;
        for (String attribute : attributes) {
            expired |= attribute.strip().equalsIgnoreCase("Max-Age=0");
        }
        if (expired || value.isEmpty()) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Undoes the HTML escaping of an attribute value (named and numeric character references). */
    private static String unescape(String escaped) {
        Matcher entity = ENTITY.matcher(escaped);
        StringBuilder text = new StringBuilder();
        while (entity.find()) {
            String replacement = switch (entity.group(1)) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                default -> Character.toString(entity.group(2) != null ? Integer.parseInt(entity.group(2))
                        : Integer.parseInt(entity.group(3), 16));
            };
            entity.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        return entity.appendTail(text).toString();
    }
}
