package dev.gatehouse.adapter.out.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.domain.EmailAddress;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server for a test (GreenMail, on a free port), and what reached it. */
final class GreenMailServer implements AutoCloseable {

    private final GreenMail server;

    GreenMailServer(ServerSetup setup) {
        server = new GreenMail(setup.dynamicPort());
        server.start();
    }

    int port() {
        return server.getSmtp() != null ? server.getSmtp().getPort() : server.getSmtps().getPort();
    }

    List<MimeMessage> received() {
        return Arrays.asList(server.getReceivedMessages());
    }

    List<MimeMessage> receivedBy(EmailAddress to) {
        return received().stream().filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equalsIgnoreCase(to.value()));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Part {@code index} of a multipart/alternative message (0: plain text, 1: HTML), decoded. */
    static String part(MimeMessage message, int index) {
        try {
            return (String) ((MimeMultipart) message.getContent()).getBodyPart(index).getContent();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
