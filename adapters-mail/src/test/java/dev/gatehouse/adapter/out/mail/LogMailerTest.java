package dev.gatehouse.adapter.out.mail;

import dev.gatehouse.application.port.out.Mailer;
import dev.gatehouse.application.testing.MailerContract;
import dev.gatehouse.domain.EmailAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The mailer contract for the log-only mailer: what it "delivers" is what it logs. */
class LogMailerTest extends MailerContract {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getAnonymousLogger();

    LogMailerTest() {
        log.setUseParentHandlers(false);
        log.setLevel(java.util.logging.Level.ALL);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    protected Mailer newMailer() {
        return new LogMailer(new MailTemplates(PRODUCT, LINK_BASE), log);
    }

    @Override
    protected List<String> deliveredTo(EmailAddress to) {
        return logged.stream().filter(line -> line.contains("to " + to.value() + " ")).toList();
    }
}
