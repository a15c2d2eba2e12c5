package dev.gatehouse.adapter.in.web;

import io.helidon.http.Method;
import java.util.Objects;

/**
 * One thing Gatehouse serves: a method on a path, as the OpenAPI document names it. A path is exact, or holds
 * one {@code {name}} template segment that a single path segment fills.
 */
record Endpoint(Method method, String path) {

    Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        // Helidon reads these as globs or regular expressions: no path here means one.
        if (path.contains("*") || path.contains("[") || path.contains("\\")) {
            throw new IllegalArgumentException("path must be exact or a {name} template: " + path);
        }
    }

    /** Whether a segment of the path is a {@code {name}} template. */
    boolean templated() {
        return path.indexOf('{') >= 0;
    }

    @Override
    public String toString() {
        return method.text() + " " + path;
    }
}
