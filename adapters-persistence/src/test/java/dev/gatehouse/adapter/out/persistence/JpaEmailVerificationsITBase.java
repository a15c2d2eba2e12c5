package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.testing.EmailVerificationsContract;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.EmailVerification;
import dev.gatehouse.domain.User;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The verification-link contract on one vendor, each test on a fresh database, with the race across two instances, plus
 * what only a database adapter can show: a registration whose mail cannot be stored leaves no account behind.
 */
abstract class JpaEmailVerificationsITBase extends EmailVerificationsContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;
    private Database database;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected Stores newEmptyStores() {
        settings = freshSettings();
        database = databases.open(settings);
        return new Stores(database.emailVerifications(), database.mailOutbox(), database.users());
    }

    @Override
    protected EmailVerifications anotherInstance() {
        return databases.open(settings).emailVerifications();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Test
    void a_registration_whose_mail_cannot_be_stored_stores_neither_account_nor_link() {
        User mary = aUser("mary");
        EmailVerification link = EmailVerification.issue(aHash(), mary.id(), mary.email().orElseThrow(), T0);
        OutgoingMail tooBig = OutgoingMail.of(new EmailAddress("mary@example.com"), MailTemplate.EMAIL_VERIFICATION,
                Map.of("token", "x".repeat(5000)));

        assertThrows(RuntimeException.class, () -> database.emailVerifications().register(mary, link, tooBig));

        assertTrue(database.users().findById(mary.id()).isEmpty());
        assertTrue(database.emailVerifications().find(link.hash()).isEmpty());
        assertEquals(0, database.mailOutbox().pending());
    }
}
