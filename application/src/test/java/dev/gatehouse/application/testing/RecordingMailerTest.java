package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.Mailer;
import dev.gatehouse.domain.EmailAddress;
import java.util.List;

/** The recording fake renders nothing; it is held to the contract through a minimal rendering of its own. */
class RecordingMailerTest extends MailerContract {

    private final RecordingMailer mailer = new RecordingMailer();

    @Override
    protected Mailer newMailer() {
        return mailer;
    }

    @Override
    protected List<String> deliveredTo(EmailAddress to) {
        return mailer.sent().stream().filter(mail -> mail.to().equals(to)).map(mail -> PRODUCT + ": " + switch (mail.template()) {
            case PASSWORD_RESET -> LINK_BASE + "/password-reset?token=" + mail.values().get("token") + " (" + mail.values().get("minutes") + " minutes)";
            case PASSWORD_CHANGED -> "the password of " + mail.values().get("username") + " changed";
            case EMAIL_VERIFICATION -> LINK_BASE + "/email-verification?token=" + mail.values().get("token") + " (" + mail.values().get("hours") + " hours)";
            case EMAIL_CHANGED -> "the address of " + mail.values().get("username") + " changed";
        }).toList();
    }
}
