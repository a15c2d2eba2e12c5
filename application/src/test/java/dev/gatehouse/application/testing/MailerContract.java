package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.Mailer;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.domain.EmailAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Mailer} adapter must do: deliver each template, rendered with its values, the product's name and
 * the link base. Extend it: build the adapter for {@link #PRODUCT} and {@link #LINK_BASE}, and read back the plain
 * text of what reached a recipient.
 */
public abstract class MailerContract {

    protected static final String PRODUCT = "Acme Login";
    protected static final URI LINK_BASE = URI.create("https://login.acme.test");

    /** A mailer for {@link #PRODUCT} whose links start with {@link #LINK_BASE}. */
    protected abstract Mailer newMailer();

    /** The plain-text bodies of the mails delivered to {@code to} so far, in order. */
    protected abstract List<String> deliveredTo(EmailAddress to);

    @Test
    void delivers_a_reset_link_with_the_token_the_product_and_the_lifetime() {
        EmailAddress to = new EmailAddress("jane@example.com");
        String token = "Zm9vYmFyLXRva2VuLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams";

        newMailer().send(OutgoingMail.of(to, MailTemplate.PASSWORD_RESET, Map.of("username", "jane", "token", token, "minutes", "30")));

        List<String> delivered = deliveredTo(to);
        assertEquals(1, delivered.size());
        String text = delivered.get(0);
        assertTrue(text.contains(LINK_BASE + "/password-reset?token=" + token), text);
        assertTrue(text.contains(PRODUCT), text);
        assertTrue(text.contains("30"), text);
    }

    @Test
    void delivers_the_notice_of_a_new_password() {
        EmailAddress to = new EmailAddress("john@example.com");

        newMailer().send(OutgoingMail.of(to, MailTemplate.PASSWORD_CHANGED, Map.of("username", "john")));

        List<String> delivered = deliveredTo(to);
        assertEquals(1, delivered.size());
        assertTrue(delivered.get(0).contains("john"), delivered.get(0));
    }
}
