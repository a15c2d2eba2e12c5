package dev.gatehouse.adapter.in.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the module's own files from the class path, once, at start: a missing one stops the start. */
final class ClasspathResources {

    private ClasspathResources() {
    }

    /** The bytes of {@code name}, an absolute resource name without the leading slash. */
    static byte[] read(String name) {
        try (InputStream in = ClasspathResources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource not on the class path: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
    }
}
