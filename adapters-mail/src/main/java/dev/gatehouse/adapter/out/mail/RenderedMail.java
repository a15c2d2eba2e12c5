package dev.gatehouse.adapter.out.mail;

import java.util.Objects;

/** A mail rendered from its templates: subject, plain text and HTML. */
public record RenderedMail(String subject, String text, String html) {

    public RenderedMail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }
}
