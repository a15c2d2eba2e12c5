package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /docs}: Swagger UI from the webjar on the class path, loading nothing from anywhere else. */
class DocsIT {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            ".css", "text/css; charset=utf-8",
            ".js", "text/javascript; charset=utf-8",
            ".png", "image/png");
    private static final TestGatehouse GATEHOUSE = new TestGatehouse();
    private static RealServer server;

    @BeforeAll
    static void start() {
        server = new RealServer(GATEHOUSE.useCases, WebSettings.DEFAULT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void serves_a_page_that_loads_only_its_own_files() {
        for (String path : List.of("/docs", "/docs/")) {
            RawHttp.Answer page = get(path);

            assertEquals(200, page.status(), page::toString);
            assertEquals(List.of("text/html; charset=utf-8"), page.all("Content-Type"));
            assertEquals(List.of("nosniff"), page.all("X-Content-Type-Options"));
            assertTrue(page.body().contains("<div id=\"swagger-ui\"></div>"), page::toString);
            List<String> references = references(page.body());
            assertEquals(List.of("/docs/swagger-ui.css", "/docs/favicon-32x32.png", "/docs/favicon-16x16.png",
                    "/docs/swagger-ui-bundle.js", "/docs/swagger-initializer.js"), references);
            assertFalse(page.body().contains("<script>"), "no inline script: the policy allows none");
        }
    }

    @Test
    void holds_the_browser_to_this_origin_with_a_content_security_policy() {
        String policy = get("/docs").header("Content-Security-Policy");

        assertNotNull(policy);
        assertTrue(policy.startsWith("default-src 'none'; "), policy);
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertTrue(policy.contains("connect-src 'self';"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("http"), policy);
        assertFalse(policy.contains("*"), policy);
    }

    @Test
    void serves_every_file_the_page_loads_with_its_content_type() {
        for (String reference : references(get("/docs").body())) {
            RawHttp.Answer file = get(reference);
            String extension = reference.substring(reference.lastIndexOf('.'));

            assertEquals(200, file.status(), () -> reference + ": " + file);
            assertEquals(List.of(CONTENT_TYPES.get(extension)), file.all("Content-Type"), reference);
            assertEquals(List.of("nosniff"), file.all("X-Content-Type-Options"), reference);
            assertEquals(1, file.all("X-Request-Id").size(), reference);
            assertTrue(Integer.parseInt(file.header("Content-Length")) > 0, reference);
        }
    }

    @Test
    void serves_swagger_ui_from_the_webjar_unchanged() {
        RawHttp.Answer bundle = get("/docs/swagger-ui-bundle.js");
        byte[] original = ClasspathResources.read(
                "META-INF/resources/webjars/swagger-ui/" + DocsHttpService.webjarVersion() + "/swagger-ui-bundle.js");

        assertEquals(Integer.toString(original.length), bundle.header("Content-Length"));
        assertTrue(bundle.body().contains("SwaggerUIBundle"));
    }

    @Test
    void points_swagger_ui_at_our_document_with_the_password_flow_dialog_and_nothing_remote() {
        String initializer = get("/docs/swagger-initializer.js").body();

        assertTrue(initializer.contains("url: \"/openapi.json\""), initializer);
        assertTrue(initializer.contains("validatorUrl: null"), initializer);
        assertTrue(initializer.contains("persistAuthorization: false"), initializer);
        assertFalse(initializer.contains("http"), initializer);
        // The Authorize dialog comes from the document's password flow, which the page loads from here.
        assertTrue(get("/openapi.json").body().contains("\"tokenUrl\": \"/token\""));
    }

    @Test
    void answers_an_unknown_file_like_any_unknown_path() {
        for (String path : List.of("/docs/nothing.js", "/docs/index.html", "/docs/oauth2-redirect.html", "/docs/swagger-ui.js.map")) {
            RawHttp.Answer answer = get(path);

            assertEquals(404, answer.status(), () -> path + ": " + answer);
            assertEquals(List.of("application/json"), answer.all("Content-Type"), path);
            assertEquals("{\"detail\":\"Not Found\"}", answer.body(), path);
        }
    }

    private static List<String> references(String html) {
        List<String> references = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(html);
        while (reference.find()) {
            references.add(reference.group(1));
        }
        return references;
    }

    private static RawHttp.Answer get(String path) {
        return RawHttp.send(server.port(), RawHttp.request("GET " + path + " HTTP/1.1", List.of(), new byte[0]));
    }
}
