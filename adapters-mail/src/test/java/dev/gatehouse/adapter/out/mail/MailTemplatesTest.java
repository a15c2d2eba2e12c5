package dev.gatehouse.adapter.out.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.domain.EmailAddress;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates("Acme", URI.create("https://login.acme.test/"));
    private final EmailAddress to = new EmailAddress("jane@example.com");

    @Test
    void renders_the_reset_link_from_the_link_base_without_a_double_slash() {
        RenderedMail mail = templates.render(OutgoingMail.of(to, MailTemplate.PASSWORD_RESET,
                Map.of("username", "jane", "token", "a-b_c", "minutes", "30")));

        assertEquals("Reset your Acme password", mail.subject());
        assertTrue(mail.text().contains("https://login.acme.test/password-reset?token=a-b_c"), mail.text());
        assertTrue(mail.html().contains("href=\"https://login.acme.test/password-reset?token=a-b_c\""), mail.html());
    }

    @Test
    void renders_the_verification_link_to_the_landing_page_and_the_change_notice() {
        RenderedMail mail = templates.render(OutgoingMail.of(to, MailTemplate.EMAIL_VERIFICATION,
                Map.of("username", "jane", "token", "a-b_c", "hours", "24")));

        assertEquals("Confirm your email address for Acme", mail.subject());
        assertTrue(mail.text().contains("https://login.acme.test/email-verification?token=a-b_c"), mail.text());
        assertTrue(mail.text().contains("within 24 hours"), mail.text());
        assertTrue(mail.html().contains("href=\"https://login.acme.test/email-verification?token=a-b_c\""), mail.html());
        RenderedMail notice = templates.render(OutgoingMail.of(to, MailTemplate.EMAIL_CHANGED, Map.of("username", "jane")));
        assertEquals("Your Acme account has a new email address", notice.subject());
    }

    @Test
    void a_placeholder_without_a_value_fails_instead_of_reaching_a_mailbox() {
        assertThrows(IllegalArgumentException.class, () -> templates.render(OutgoingMail.of(to, MailTemplate.PASSWORD_RESET,
                Map.of("username", "jane"))));
    }

    @Test
    void escapes_every_html_special_character() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", MailTemplates.escapeHtml("<a href=\"x\">&'"));
    }
}
