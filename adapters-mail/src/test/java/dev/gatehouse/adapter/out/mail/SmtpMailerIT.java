package dev.gatehouse.adapter.out.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.ServerSetupTest;
import dev.gatehouse.application.port.out.MailNotSentException;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.Mailer;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.testing.MailerContract;
import dev.gatehouse.domain.EmailAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mailer contract over plain SMTP to a real server (GreenMail), plus what only SMTP shows. */
class SmtpMailerIT extends MailerContract {

    private GreenMailServer server;

    @BeforeEach
    void startServer() {
        server = new GreenMailServer(ServerSetupTest.SMTP);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private SmtpSettings settings(SmtpSecurity security, int port) {
        return new SmtpSettings("127.0.0.1", port, Optional.empty(), Optional.empty(), security, "Gatehouse <noreply@gatehouse.test>",
                Duration.ofSeconds(5));
    }

    @Override
    protected Mailer newMailer() {
        return new SmtpMailer(settings(SmtpSecurity.NONE, server.port()), new MailTemplates(PRODUCT, LINK_BASE));
    }

    @Override
    protected List<String> deliveredTo(EmailAddress to) {
        return server.receivedBy(to).stream().map(message -> GreenMailServer.part(message, 0)).toList();
    }

    @Test
    void sends_text_and_html_with_the_mails_id_as_message_id_and_escapes_values_in_html() throws Exception {
        OutgoingMail mail = OutgoingMail.of(new EmailAddress("jane@example.com"), MailTemplate.PASSWORD_CHANGED,
                Map.of("username", "<b>jane</b>&co"));

        newMailer().send(mail);

        MimeMessage received = server.received().get(0);
        assertEquals("<" + mail.id() + "@gatehouse>", received.getMessageID());
        assertEquals("Your " + PRODUCT + " password was changed", received.getSubject());
        assertEquals("noreply@gatehouse.test", ((jakarta.mail.internet.InternetAddress) received.getFrom()[0]).getAddress());
        assertTrue(GreenMailServer.part(received, 0).contains("<b>jane</b>&co"));
        String html = GreenMailServer.part(received, 1);
        assertTrue(html.contains("&lt;b&gt;jane&lt;/b&gt;&amp;co"), html);
        assertFalse(html.contains("<b>jane"), html);
    }

    @Test
    void a_server_that_cannot_be_reached_is_a_failure_to_retry() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SmtpMailer mailer = new SmtpMailer(settings(SmtpSecurity.NONE, closedPort), new MailTemplates(PRODUCT, LINK_BASE));

        MailNotSentException failed = assertThrows(MailNotSentException.class, () -> mailer.send(aResetMail()));

        assertFalse(failed.permanent());
    }

    @Test
    void starttls_required_never_falls_back_to_plain_text() {
        // GreenMail's plain SMTP offers no STARTTLS: the mailer must refuse to send rather than send in clear.
        SmtpMailer mailer = new SmtpMailer(settings(SmtpSecurity.STARTTLS, server.port()), new MailTemplates(PRODUCT, LINK_BASE));

        assertThrows(MailNotSentException.class, () -> mailer.send(aResetMail()));

        assertEquals(List.of(), server.received());
    }

    @Test
    void sends_over_smtps() {
        try (GreenMailServer smtps = new GreenMailServer(ServerSetupTest.SMTPS)) {
            // GreenMail's certificate is self-signed: trusted here only.
            SmtpMailer mailer = new SmtpMailer(settings(SmtpSecurity.SMTPS, smtps.port()), new MailTemplates(PRODUCT, LINK_BASE))
                    .trustingEveryCertificate();

            mailer.send(aResetMail());

            assertEquals(1, smtps.received().size());
        }
    }

    @Test
    void smtps_refuses_a_certificate_it_does_not_trust() {
        try (GreenMailServer smtps = new GreenMailServer(ServerSetupTest.SMTPS)) {
            SmtpMailer mailer = new SmtpMailer(settings(SmtpSecurity.SMTPS, smtps.port()), new MailTemplates(PRODUCT, LINK_BASE));

            assertThrows(MailNotSentException.class, () -> mailer.send(aResetMail()));

            assertEquals(List.of(), smtps.received());
        }
    }

    private static OutgoingMail aResetMail() {
        return OutgoingMail.of(new EmailAddress("jane@example.com"), MailTemplate.PASSWORD_RESET,
                Map.of("username", "jane", "token", "abc", "minutes", "30"));
    }
}
