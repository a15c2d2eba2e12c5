package dev.gatehouse.adapter.out.mail;

import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.OutgoingMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders each {@link MailTemplate} from three resource files beside this class ({@code templates/<name>.subject.txt},
 * {@code .txt}, {@code .html}) with {@code {{name}}} placeholders: the mail's values, {@code product} (the product's
 * name) and, for a link, {@code link} (the link base, {@code /password-reset?token=} or, to verify an address,
 * {@code /email-verification?token=}, and the token). Values are
 * HTML-escaped in the HTML part; a placeholder without a value fails the rendering, so a typo never reaches a mailbox.
 */
public final class MailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private record Sources(String subject, String text, String html) {
    }

    private final String product;
    private final String linkBase;
    private final Map<MailTemplate, Sources> sources = new EnumMap<>(MailTemplate.class);

    /** Templates for {@code product}, whose links start with {@code linkBase} (the service's public URL). */
    public MailTemplates(String product, URI linkBase) {
        this.product = Objects.requireNonNull(product, "product");
        String base = Objects.requireNonNull(linkBase, "linkBase").toString();
        this.linkBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        for (MailTemplate template : MailTemplate.values()) {
            String name = template.name().toLowerCase(Locale.ROOT);
            sources.put(template, new Sources(read(name + ".subject.txt").strip(), read(name + ".txt"), read(name + ".html")));
        }
    }

    public RenderedMail render(OutgoingMail mail) {
        Map<String, String> values = new HashMap<>(mail.values());
        values.put("product", product);
        if (mail.values().containsKey("token")) {
            String path = mail.template() == MailTemplate.EMAIL_VERIFICATION ? "/email-verification" : "/password-reset";
            values.put("link", linkBase + path + "?token=" + URLEncoder.encode(mail.values().get("token"), StandardCharsets.UTF_8));
        }
        Sources template = sources.get(mail.template());
        // A subject is one header line: no line breaks from a value (a username cannot hold one, but be sure).
        String subject = fill(template.subject(), values, false).replaceAll("[\\r\\n]+", " ");
        return new RenderedMail(subject, fill(template.text(), values, false), fill(template.html(), values, true));
    }

    private static String fill(String source, Map<String, String> values, boolean html) {
        Matcher placeholder = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalArgumentException("mail template placeholder {{" + placeholder.group(1) + "}} has no value");
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(value) : value));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    static String escapeHtml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String read(String file) {
        try (InputStream in = MailTemplates.class.getResourceAsStream("templates/" + file)) {
            if (in == null) {
                throw new IllegalStateException("mail template templates/" + file + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
