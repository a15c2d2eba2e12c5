package dev.gatehouse.adapter.out.mail;

import dev.gatehouse.application.port.out.Mailer;
import dev.gatehouse.application.port.out.OutgoingMail;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * {@link Mailer} for runs without a mail server (the embedded demo): writes each rendered mail's plain text, links and
 * all, to the log instead of sending it. Anyone who reads the log can use the links in it, so a real deployment
 * configures SMTP.
 */
public final class LogMailer implements Mailer {

    private static final Logger LOG = Logger.getLogger(LogMailer.class.getName());

    private final MailTemplates templates;
    private final Logger log;

    public LogMailer(MailTemplates templates) {
        this(templates, LOG);
    }

    LogMailer(MailTemplates templates, Logger log) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void send(OutgoingMail mail) {
        RenderedMail rendered = templates.render(mail);
        log.info(() -> "Mail not sent (no SMTP server is configured), to " + mail.to() + " [" + mail.id() + "]: "
                + rendered.subject() + "\n" + rendered.text());
    }
}
