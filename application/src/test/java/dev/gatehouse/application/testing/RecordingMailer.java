package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.MailNotSentException;
import dev.gatehouse.application.port.out.Mailer;
import dev.gatehouse.application.port.out.OutgoingMail;
import java.util.ArrayList;
import java.util.List;

/** A mailer that keeps what it was asked to send, and can be switched off to play a mail server that is down. */
public final class RecordingMailer implements Mailer {

    private final List<OutgoingMail> sent = new ArrayList<>();
    private volatile boolean down;

    @Override
    public synchronized void send(OutgoingMail mail) {
        if (down) {
            throw new MailNotSentException("the mail server is down (test)", false, null);
        }
        sent.add(mail);
    }

    public void down(boolean isDown) {
        this.down = isDown;
    }

    public synchronized List<OutgoingMail> sent() {
        return List.copyOf(sent);
    }
}
