package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.application.testing.PasswordResetsContract;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PasswordReset;
import dev.gatehouse.domain.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reset-link contract on one vendor, each test on a fresh database, with the race across two instances, plus what
 * only a database adapter can show: a link whose insert fails takes its mail with it; a link's use reaches the cache.
 */
abstract class JpaPasswordResetsITBase extends PasswordResetsContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;
    private Database database;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected Stores newEmptyStores() {
        settings = freshSettings();
        database = databases.open(settings);
        return new Stores(database.passwordResets(), database.mailOutbox(), database.users());
    }

    @Override
    protected PasswordResets anotherInstance() {
        return databases.open(settings).passwordResets();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Test
    void a_link_that_cannot_be_stored_leaves_no_mail_behind() {
        User stranger = aUser("stranger");
        OutgoingMail mail = OutgoingMail.of(new EmailAddress("stranger@example.com"), MailTemplate.PASSWORD_RESET,
                Map.of("token", "t"));

        assertThrows(RuntimeException.class, () -> database.passwordResets().issue(PasswordReset.issue(aHash(), stranger.id(), T0), mail));

        assertEquals(0, database.mailOutbox().pending());
        assertEquals(List.of(), database.mailOutbox().claim(10, T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1)));
    }

    @Test
    void a_mail_that_cannot_be_stored_leaves_no_link_behind() {
        User owner = aUser("owner");
        database.users().add(owner);
        OutgoingMail tooBig = OutgoingMail.of(new EmailAddress("owner@example.com"), MailTemplate.PASSWORD_RESET,
                Map.of("token", "x".repeat(5000)));
        PasswordReset reset = PasswordReset.issue(aHash(), owner.id(), T0);

        assertThrows(RuntimeException.class, () -> database.passwordResets().issue(reset, tooBig));

        assertTrue(database.passwordResets().find(reset.hash()).isEmpty());
    }

    @Test
    void a_links_use_reaches_this_instances_cached_users_at_once() {
        User owner = aUser("cached");
        database.users().add(owner);
        database.cachedUsers().findByUsername(owner.username()).orElseThrow();
        PasswordReset reset = PasswordReset.issue(aHash(), owner.id(), T0);
        database.passwordResets().issue(reset, OutgoingMail.of(new EmailAddress("cached@example.com"), MailTemplate.PASSWORD_RESET,
                Map.of("token", "t")));
        PasswordHash changed = new PasswordHash("$test$changed");

        database.passwordResets().redeem(reset.hash(), T0.plusSeconds(1), new NoticedChange(user -> user.changePassword(changed),
                (before, after) -> Optional.empty())).orElseThrow();

        assertEquals(changed, database.cachedUsers().findByUsername(owner.username()).orElseThrow().passwordHash());
    }

    @Test
    void a_notice_the_database_refuses_leaves_the_link_unused_and_the_account_as_it_was() {
        User owner = aUser("noticed");
        database.users().add(owner);
        PasswordReset reset = PasswordReset.issue(aHash(), owner.id(), T0);
        database.passwordResets().issue(reset, OutgoingMail.of(new EmailAddress("noticed@example.com"), MailTemplate.PASSWORD_RESET,
                Map.of("token", "t")));
        long pending = database.mailOutbox().pending();
        OutgoingMail tooBig = OutgoingMail.of(new EmailAddress("noticed@example.com"), MailTemplate.PASSWORD_CHANGED,
                Map.of("username", "x".repeat(5000)));

        assertThrows(RuntimeException.class, () -> database.passwordResets().redeem(reset.hash(), T0.plusSeconds(1),
                new NoticedChange(user -> user.changePassword(new PasswordHash("$test$changed")), (before, after) -> Optional.of(tooBig))));

        assertTrue(database.passwordResets().find(reset.hash()).orElseThrow().usedAt().isEmpty(), "the link is still unused");
        assertEquals(owner.passwordHash(), database.users().findById(owner.id()).orElseThrow().passwordHash());
        assertEquals(pending, database.mailOutbox().pending());
    }
}
