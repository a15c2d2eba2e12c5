package dev.gatehouse.adapter.in.web;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /docs}: Swagger UI over {@code /openapi.json}, from the {@code org.webjars:swagger-ui} jar on the
 * class path, so it works offline. Our page and initializer load nothing but these files, and the
 * Content-Security-Policy holds the browser to that. Only the files listed here are served.
 */
final class DocsHttpService implements RoutedService {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String OURS = "dev/gatehouse/adapter/in/web/docs/";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String PNG = "image/png";
    /**
     * Scripts and styles from here only. Swagger UI sets inline styles and draws its icons from {@code data:}
     * URIs; it fetches the document and sends "Try it out" requests to this origin.
     */
    private static final Header CONTENT_SECURITY_POLICY = HeaderValues.createCached(HeaderNames.create("Content-Security-Policy"),
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    private static final Header ASSET_CACHING = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
    private static final Header NO_CACHE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-cache");

    private final Asset page;
    private final Map<String, Asset> assets = new LinkedHashMap<>();

    DocsHttpService() {
        String webjar = WEBJAR + webjarVersion() + "/";
        page = new Asset(ClasspathResources.read(OURS + "index.html"), HTML, NO_CACHE);
        assets.put("swagger-initializer.js", new Asset(ClasspathResources.read(OURS + "swagger-initializer.js"), JAVASCRIPT, NO_CACHE));
        assets.put("swagger-ui.css", new Asset(ClasspathResources.read(webjar + "swagger-ui.css"), CSS, ASSET_CACHING));
        assets.put("swagger-ui-bundle.js", new Asset(ClasspathResources.read(webjar + "swagger-ui-bundle.js"), JAVASCRIPT, ASSET_CACHING));
        assets.put("favicon-32x32.png", new Asset(ClasspathResources.read(webjar + "favicon-32x32.png"), PNG, ASSET_CACHING));
        assets.put("favicon-16x16.png", new Asset(ClasspathResources.read(webjar + "favicon-16x16.png"), PNG, ASSET_CACHING));
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/docs", this::page),
                Route.get("/docs/", this::page),
                Route.get("/docs/{file}", this::asset));
    }

    /** The files {@code /docs/{file}} serves. */
    List<String> files() {
        return List.copyOf(assets.keySet());
    }

    private void page(ServerRequest request, ServerResponse response) {
        page.sendTo(response);
    }

    private void asset(ServerRequest request, ServerResponse response) {
        Asset asset = assets.get(request.path().pathParameters().get("file"));
        if (asset == null) {
            throw HttpProblem.detail(Status.NOT_FOUND_404, "Not Found");
        }
        asset.sendTo(response);
    }

    /** The version of the swagger-ui webjar on the class path, from its Maven metadata. */
    static String webjarVersion() {
        Properties pom = new Properties();
        try {
            pom.load(new ByteArrayInputStream(ClasspathResources.read(WEBJAR_POM)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = pom.getProperty("version");
        if (version == null || !version.matches("[0-9A-Za-z.-]+")) {
            throw new IllegalStateException("no usable version in " + WEBJAR_POM + ": " + version);
        }
        return version;
    }

    private record Asset(byte[] bytes, Header contentType, Header caching) {

        Asset(byte[] bytes, String contentType, Header caching) {
            this(bytes, HeaderValues.createCached(HeaderNames.CONTENT_TYPE, contentType), caching);
        }

        void sendTo(ServerResponse response) {
            response.status(Status.OK_200);
            response.header(contentType);
            response.header(caching);
            response.header(CONTENT_SECURITY_POLICY);
            response.send(bytes);
        }
    }
}
