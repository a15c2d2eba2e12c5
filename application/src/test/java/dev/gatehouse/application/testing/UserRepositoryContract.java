package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.GuardedChange;
import dev.gatehouse.application.port.out.UserPage;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.port.out.UserSearch;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserRepository} adapter must do. Extend it, return a repository over an empty store
 * from {@link #newEmptyRepository()}, and run it: a new adapter starts here.
 */
public abstract class UserRepositoryContract {

    private UserRepository repository;

    /** A repository whose store holds no users (a fresh database, schema, or table contents). */
    protected abstract UserRepository newEmptyRepository();

    @BeforeEach
    void startEmpty() {
        repository = newEmptyRepository();
    }

    @Test
    void finds_an_added_user_by_username_with_every_field_intact() {
        User user = aUser("johndoe", new EmailAddress("johndoe@example.com"), new FullName("John Doe"));

        assertEquals(AddUserOutcome.ADDED, repository.add(user));

        assertEquals(Optional.of(user), repository.findByUsername(new Username("johndoe")));
    }

    @Test
    void keeps_absent_optional_fields_absent() {
        User user = aUser("minimal", null, null);
        repository.add(user);

        User found = repository.findByUsername(new Username("minimal")).orElseThrow();

        assertTrue(found.email().isEmpty());
        assertTrue(found.fullName().isEmpty());
    }

    @Test
    void finds_a_user_whatever_the_case_of_the_username_and_keeps_it_as_registered() {
        repository.add(aUser("JohnDoe", null, null));

        User found = repository.findByUsername(new Username("JOHNDOE")).orElseThrow();

        assertEquals("JohnDoe", found.username().value());
    }

    @Test
    void finds_a_user_by_id() {
        User user = aUser("byid", null, null);
        repository.add(user);

        assertEquals(Optional.of(user), repository.findById(user.id()));
    }

    @Test
    void answers_empty_for_users_it_does_not_have() {
        assertEquals(Optional.empty(), repository.findByUsername(new Username("nobody")));
        assertEquals(Optional.empty(), repository.findById(new UserId(UUID.randomUUID())));
    }

    @Test
    void refuses_a_second_user_with_the_same_username_in_any_case_and_keeps_the_first() {
        User first = aUser("alice", new EmailAddress("alice@example.com"), null);
        repository.add(first);

        assertEquals(AddUserOutcome.USERNAME_TAKEN, repository.add(aUser("ALICE", null, null)));

        assertEquals(Optional.of(first), repository.findByUsername(new Username("alice")));
    }

    @Test
    void stores_changes_to_an_existing_user() {
        User user = aUser("changing", null, null);
        repository.add(user);
        User changed = user.disable().withPasswordHash(new PasswordHash("$test$new-hash"));

        assertEquals(Optional.of(changed), repository.change(user.id(), stored -> stored.disable()
                .withPasswordHash(new PasswordHash("$test$new-hash"))));

        User found = repository.findById(user.id()).orElseThrow();
        assertTrue(found.isDisabled());
        assertEquals(new PasswordHash("$test$new-hash"), found.passwordHash());
        assertEquals(changed, found, "every field, the security version included");
    }

    @Test
    void stores_whether_the_email_is_verified_and_which_address_a_confirmed_change_set() {
        User user = aUser("verifying", new EmailAddress("old@example.com"), null);
        repository.add(user);
        assertFalse(repository.findById(user.id()).orElseThrow().isEmailVerified(), "registered unverified");

        repository.change(user.id(), stored -> stored.withVerifiedEmail(new EmailAddress("new@example.com")));

        User found = repository.findByUsername(user.username()).orElseThrow();
        assertTrue(found.isEmailVerified());
        assertEquals(Optional.of(new EmailAddress("new@example.com")), found.email());
        assertTrue(repository.replacePasswordHash(user.id(), found.passwordHash(), new PasswordHash("$test$rehashed")));
        assertTrue(repository.findById(user.id()).orElseThrow().isEmailVerified(), "a rehash keeps the verified address");
    }

    @Test
    void loses_neither_a_confirmed_address_nor_a_password_changed_at_the_same_time() throws Exception {
        for (int round = 0; round < 10; round++) {
            User user = aUser("both" + round, new EmailAddress("old@example.com"), null);
            repository.add(user);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> confirm = pool.submit(() -> {
                    start.await();
                    return repository.change(user.id(), stored -> stored.withVerifiedEmail(new EmailAddress("new@example.com")));
                });
                Future<?> password = pool.submit(() -> {
                    start.await();
                    return repository.change(user.id(), stored -> stored.changePassword(new PasswordHash("$test$changed")));
                });
                start.countDown();
                confirm.get();
                password.get();
            } finally {
                pool.shutdownNow();
            }
            User stored = repository.findById(user.id()).orElseThrow();
            assertEquals(Optional.of(new EmailAddress("new@example.com")), stored.email(), "the confirmed address stands");
            assertTrue(stored.isEmailVerified());
            assertEquals(new PasswordHash("$test$changed"), stored.passwordHash(), "the new password stands");
            assertEquals(1, stored.securityVersion());
        }
    }

    @Test
    void keeps_the_security_version_through_add_update_and_hash_replacement() {
        User user = aUser("versioned", null, null).endAllSessions().endAllSessions();
        repository.add(user);
        assertEquals(2, repository.findById(user.id()).orElseThrow().securityVersion());

        repository.change(user.id(), User::endAllSessions);
        assertEquals(3, repository.findByUsername(user.username()).orElseThrow().securityVersion());

        User stored = repository.findById(user.id()).orElseThrow();
        assertTrue(repository.replacePasswordHash(user.id(), stored.passwordHash(), new PasswordHash("$test$rehashed")));
        assertEquals(3, repository.findById(user.id()).orElseThrow().securityVersion(), "a rehash keeps the sessions");
    }

    @Test
    void replaces_a_password_hash_only_while_it_still_is_the_expected_one() {
        User user = aUser("rehashed", null, null);
        repository.add(user);
        PasswordHash upgraded = new PasswordHash("$test$upgraded");

        assertFalse(repository.replacePasswordHash(user.id(), new PasswordHash("$test$not-the-current-one"), upgraded));
        assertEquals(user.passwordHash(), repository.findById(user.id()).orElseThrow().passwordHash());

        assertTrue(repository.replacePasswordHash(user.id(), user.passwordHash(), upgraded));
        assertEquals(user.withPasswordHash(upgraded), repository.findById(user.id()).orElseThrow());
        assertFalse(repository.replacePasswordHash(user.id(), user.passwordHash(), new PasswordHash("$test$late")));
        assertFalse(repository.replacePasswordHash(new UserId(UUID.randomUUID()), user.passwordHash(), upgraded));
    }

    @Test
    void lets_exactly_one_of_many_concurrent_hash_replacements_win() throws Exception {
        User user = aUser("contended", null, null);
        repository.add(user);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                PasswordHash replacement = new PasswordHash("$test$replacement-" + i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return repository.replacePasswordHash(user.id(), user.passwordHash(), replacement);
                }));
            }
            start.countDown();
            long replaced = 0;
            for (Future<Boolean> outcome : outcomes) {
                if (outcome.get()) {
                    replaced++;
                }
            }
            assertEquals(1, replaced);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void changes_nothing_and_answers_empty_for_a_user_it_does_not_have() {
        User stranger = aUser("stranger", null, null);

        assertEquals(Optional.empty(), repository.change(stranger.id(), User::disable));
        assertEquals(Optional.empty(), repository.findById(stranger.id()));
    }

    @Test
    void hands_a_change_the_user_as_stored_now_not_as_read_earlier() {
        User user = aUser("stale", null, null);
        repository.add(user);
        User readEarlier = repository.findById(user.id()).orElseThrow();
        repository.change(user.id(), User::disable);

        User afterRoleChange = repository.change(readEarlier.id(), stored -> stored.withRole(new Role("auditor"))).orElseThrow();

        assertTrue(afterRoleChange.isDisabled(), "the role change kept the disable made after the first read");
        assertEquals(afterRoleChange, repository.findById(user.id()).orElseThrow());
        assertEquals(2, afterRoleChange.securityVersion());
    }

    @Test
    void answers_the_stored_user_and_writes_nothing_when_a_change_changes_nothing() {
        User user = aUser("unchanged", null, null);
        repository.add(user);

        assertEquals(Optional.of(user), repository.change(user.id(), stored -> stored));
        assertEquals(user, repository.findById(user.id()).orElseThrow());
    }

    /**
     * Two writers (and more) changing different fields of one account at once: with whole-row write-backs of
     * what each read earlier, one undoes the other's change. Every change must stand.
     */
    @Test
    void loses_no_change_when_many_writers_change_one_user_at_once() throws Exception {
        User user = aUser("raced", null, null);
        repository.add(user);
        int writers = 8;
        int changesEach = 12;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < changesEach; i++) {
                        int n = i;
                        repository.change(user.id(), writer % 2 == 0 ? User::endAllSessions
                                : stored -> stored.changePassword(new PasswordHash("$test$w" + writer + "-" + n)));
                    }
                    if (writer == 2) {
                        repository.change(user.id(), User::disable);
                    }
                    repository.change(user.id(), stored -> stored.withRole(new Role("r" + writer)));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        User stored = repository.findById(user.id()).orElseThrow();
        // Each endAllSessions, changePassword, disable and role grant moves the security version on by one.
        assertEquals((long) writers * changesEach + 1 + writers, stored.securityVersion(), "no change was lost");
        assertTrue(stored.isDisabled(), "the disable stands");
        assertEquals(writers, stored.roles().size(), "every role granted stands");
    }

    @Test
    void lets_exactly_one_of_many_concurrent_registrations_of_one_username_win() throws Exception {
        int contenders = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<AddUserOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String name = i % 2 == 0 ? "racer" : "RACER";
                Callable<AddUserOutcome> add = () -> {
                    start.await();
                    return repository.add(aUser(name, null, null));
                };
                outcomes.add(pool.submit(add));
            }
            start.countDown();
            long added = 0;
            for (Future<AddUserOutcome> outcome : outcomes) {
                if (outcome.get() == AddUserOutcome.ADDED) {
                    added++;
                }
            }
            assertEquals(1, added);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keeps_the_roles_through_add_and_update() {
        User admin = aUser("root", null, null).withRole(Role.ADMIN).withRole(new Role("support.eu-1"));
        repository.add(admin);

        assertEquals(Set.of(Role.ADMIN, new Role("support.eu-1")), repository.findById(admin.id()).orElseThrow().roles());
        User demoted = admin.withoutRole(Role.ADMIN);
        repository.change(admin.id(), stored -> stored.withoutRole(Role.ADMIN));
        assertEquals(demoted, repository.findByUsername(admin.username()).orElseThrow());
        repository.change(demoted.id(), stored -> stored.withoutRole(new Role("support.eu-1")));
        assertEquals(Set.of(), repository.findById(admin.id()).orElseThrow().roles());

        User many = aUser("many", null, null);
        for (int i = 0; i < User.MAX_ROLES; i++) {
            many = many.withRole(new Role("role-with-a-long-name-to-fill-the-column-" + "x".repeat(20) + i));
        }
        repository.add(many);
        assertEquals(many, repository.findById(many.id()).orElseThrow(), "sixteen roles of 64 characters fit");
    }

    @Test
    void searches_usernames_and_emails_ignoring_case_in_username_order_by_page() {
        for (String name : List.of("carol", "alice", "Bob", "dave", "erin")) {
            repository.add(aUser(name, new EmailAddress(name.toLowerCase() + "@example.com"), null));
        }
        repository.add(aUser("zed", new EmailAddress("Zed@Corp.Example"), null));

        UserPage first = repository.search(new UserSearch("", 0, 2));
        assertEquals(List.of("alice", "Bob"), names(first));
        assertEquals(6, first.total());
        assertEquals(List.of("carol", "dave"), names(repository.search(new UserSearch("", 1, 2))));
        assertEquals(List.of("zed"), names(repository.search(new UserSearch("", 1, 5))));
        assertEquals(List.of(), names(repository.search(new UserSearch("", 9, 5))));
        assertEquals(6, repository.search(new UserSearch("", 9, 5)).total());

        assertEquals(List.of("Bob"), names(repository.search(new UserSearch("BO", 0, 10))));
        assertEquals(List.of("zed"), names(repository.search(new UserSearch("corp.EX", 0, 10))));
        assertEquals(5, repository.search(new UserSearch("@example.com", 0, 10)).total());
    }

    @Test
    void search_text_is_literal_not_a_pattern() {
        repository.add(aUser("a_b", new EmailAddress("ab@example.com"), null));
        repository.add(aUser("axb", new EmailAddress("percent@example.com"), null));

        assertEquals(List.of("a_b"), names(repository.search(new UserSearch("a_", 0, 10))));
        assertEquals(List.of(), names(repository.search(new UserSearch("%", 0, 10))));
        assertEquals(List.of(), names(repository.search(new UserSearch("!", 0, 10))));
        assertEquals(List.of(), names(repository.search(new UserSearch("'", 0, 10))));
    }

    private static List<String> names(UserPage page) {
        return page.users().stream().map(user -> user.username().value()).toList();
    }

    private static User aUser(String username, EmailAddress email, FullName fullName) {
        return User.register(new Username(username), new PasswordHash("$test$" + UUID.randomUUID()),
                email, fullName, Instant.parse("2026-11-22T10:15:30.123456Z"));
    }

    @Test
    void refuses_to_take_a_role_from_its_last_active_holder() {
        User root = aUser("root", null, null).withRole(Role.ADMIN);
        User retired = aUser("retired", null, null).withRole(Role.ADMIN).disable();
        repository.add(root);
        repository.add(retired);

        assertEquals(new GuardedChange.LastHolder(root), repository.changeKeepingAnActiveHolder(Role.ADMIN, root.id(),
                stored -> stored.withoutRole(Role.ADMIN)), "a disabled holder does not count");
        assertEquals(new GuardedChange.LastHolder(root), repository.changeKeepingAnActiveHolder(Role.ADMIN, root.id(), User::disable));
        assertEquals(root, repository.findById(root.id()).orElseThrow(), "nothing changed");
        assertEquals(new GuardedChange.NoSuchUser(), repository.changeKeepingAnActiveHolder(Role.ADMIN,
                aUser("ghost", null, null).id(), User::disable));
    }

    @Test
    void takes_a_role_from_a_holder_while_another_active_holder_keeps_it() {
        User root = aUser("root", null, null).withRole(Role.ADMIN);
        User deputy = aUser("deputy", null, null).withRole(Role.ADMIN);
        User jane = aUser("jane", null, null);
        repository.add(root);
        repository.add(deputy);
        repository.add(jane);

        assertEquals(new GuardedChange.Changed(root.disable()), repository.changeKeepingAnActiveHolder(Role.ADMIN, root.id(), User::disable));
        assertEquals(new GuardedChange.Changed(jane.disable()), repository.changeKeepingAnActiveHolder(Role.ADMIN, jane.id(), User::disable),
                "a user without the role is no holder to keep");
        assertInstanceOf(GuardedChange.LastHolder.class, repository.changeKeepingAnActiveHolder(Role.ADMIN, deputy.id(),
                stored -> stored.withoutRole(Role.ADMIN)));
    }

    /** Two administrators demoting each other at once, on any instance: one of them must stay. */
    @Test
    void keeps_one_active_holder_when_every_holder_is_demoted_at_once() throws Exception {
        List<User> holders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            User holder = aUser("admin" + i, null, null).withRole(Role.ADMIN);
            repository.add(holder);
            holders.add(holder);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<GuardedChange>> outcomes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                User holder = holders.get(i % holders.size());
                UnaryOperator<User> demotion = i % 2 == 0 ? User::disable : stored -> stored.withoutRole(Role.ADMIN);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return repository.changeKeepingAnActiveHolder(Role.ADMIN, holder.id(), demotion);
                }));
            }
            start.countDown();
            for (Future<GuardedChange> outcome : outcomes) {
                outcome.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long stillHolding = holders.stream()
                .map(holder -> repository.findById(holder.id()).orElseThrow())
                .filter(holder -> holder.isActive() && holder.holds(Role.ADMIN))
                .count();
        assertEquals(1, stillHolding);
    }
}
