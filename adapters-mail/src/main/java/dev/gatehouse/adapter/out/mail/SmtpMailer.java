package dev.gatehouse.adapter.out.mail;

import dev.gatehouse.application.port.out.MailNotSentException;
import dev.gatehouse.application.port.out.Mailer;
import dev.gatehouse.application.port.out.OutgoingMail;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;

/**
 * {@link Mailer} over SMTP with Eclipse Angus Mail: a {@code multipart/alternative} of plain text and HTML, with the
 * mail's id in its {@code Message-ID}, so a receiver sees a retried delivery as the same message. STARTTLS is required
 * when asked for (never a silent fall-back to plain text), and TLS connections check the server's certificate and name.
 */
public final class SmtpMailer implements Mailer {

    private final SmtpSettings settings;
    private final MailTemplates templates;
    private final Session session;
    private final InternetAddress from;
    private final String protocol;

    public SmtpMailer(SmtpSettings settings, MailTemplates templates) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.templates = Objects.requireNonNull(templates, "templates");
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (AddressException invalid) {
            throw new IllegalArgumentException("the sender address '" + settings.from() + "' is not valid: " + invalid.getMessage(), invalid);
        }
        this.protocol = settings.security() == SmtpSecurity.SMTPS ? "smtps" : "smtp";
        this.session = Session.getInstance(properties(settings, from.getAddress()), settings.username().isEmpty() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.username().orElseThrow(), settings.password().orElseThrow());
            }
        });
    }

    static Properties properties(SmtpSettings settings, String envelopeFrom) {
        String protocol = settings.security() == SmtpSecurity.SMTPS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        String timeout = Long.toString(settings.timeout().toMillis());
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", settings.host());
        properties.put(prefix + "port", Integer.toString(settings.port()));
        properties.put(prefix + "auth", Boolean.toString(settings.username().isPresent()));
        properties.put(prefix + "connectiontimeout", timeout);
        properties.put(prefix + "timeout", timeout);
        properties.put(prefix + "writetimeout", timeout);
        properties.put(prefix + "from", envelopeFrom);
        switch (settings.security()) {
            case STARTTLS -> {
                properties.put(prefix + "starttls.enable", "true");
                properties.put(prefix + "starttls.required", "true");
                properties.put(prefix + "ssl.checkserveridentity", "true");
            }
            case SMTPS -> {
                properties.put(prefix + "ssl.enable", "true");
                properties.put(prefix + "ssl.checkserveridentity", "true");
            }
            case NONE -> {
            }
        }
        return properties;
    }

    /** For tests with a server whose certificate the JVM does not trust: trust every host's (never in production). */
    SmtpMailer trustingEveryCertificate() {
        String prefix = "mail." + (settings.security() == SmtpSecurity.SMTPS ? "smtps" : "smtp") + ".";
        session.getProperties().put(prefix + "ssl.trust", "*");
        session.getProperties().put(prefix + "ssl.checkserveridentity", "false");
        return this;
    }

    @Override
    public void send(OutgoingMail mail) {
        RenderedMail rendered = templates.render(mail);
        try {
            MimeMessage message = new IdentifiedMessage(session, "<" + mail.id() + "@gatehouse>");
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to().value(), true));
            message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", text, html));
            message.saveChanges();
            // The transport of the configured protocol: Transport.send would pick plain smtp for SMTPS.
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (AddressException invalid) {
            throw new MailNotSentException("the address " + mail.to() + " is not valid: " + invalid.getMessage(), true, invalid);
        } catch (SendFailedException refused) {
            // The server refused the recipient (5xx): the same mail would be refused again. Other failures are transient.
            boolean permanent = refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0;
            throw new MailNotSentException("the mail server refused " + mail + ": " + refused.getMessage(), permanent, refused);
        } catch (MessagingException failed) {
            throw new MailNotSentException("could not send " + mail + " through " + settings.host() + ":" + settings.port() + ": "
                    + failed.getMessage(), false, failed);
        }
    }

    /** A message whose {@code Message-ID} is the mail's, not a fresh one per attempt. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
