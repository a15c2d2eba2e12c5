package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolesAndScopesTest {

    private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
    private static final Role SUPPORT = new Role("support");
    private static final Scope ME = new Scope("me");
    private static final Scope ITEMS = new Scope("items");
    private static final Scope USERS_READ = new Scope("users:read");
    private static final ScopePolicy POLICY = new ScopePolicy(Set.of(ME, ITEMS),
            Map.of(Role.ADMIN, Set.of(ScopePolicy.ADMIN, USERS_READ), SUPPORT, Set.of(USERS_READ)));

    private static User jane() {
        return User.register(new Username("jane"), HASH, null, null, Instant.EPOCH);
    }

    @Test
    void a_role_is_a_lower_case_name() {
        assertEquals("admin", Role.ADMIN.name());
        assertEquals("team.support:eu-1", new Role("team.support:eu-1").name());
        for (String bad : List.of("", "Admin", "1admin", "ad min", "ad\nmin", "a".repeat(Role.MAX_LENGTH + 1), "é")) {
            assertThrows(IllegalArgumentException.class, () -> new Role(bad), bad);
        }
        assertThrows(NullPointerException.class, () -> new Role(null));
    }

    @Test
    void a_new_user_holds_no_role() {
        assertEquals(Set.of(), jane().roles());
        assertFalse(jane().holds(Role.ADMIN));
    }

    @Test
    void gaining_or_losing_a_role_ends_every_session_and_a_no_op_changes_nothing() {
        User jane = jane();

        User admin = jane.withRole(Role.ADMIN);
        assertTrue(admin.holds(Role.ADMIN));
        assertEquals(jane.securityVersion() + 1, admin.securityVersion());
        assertSame(admin, admin.withRole(Role.ADMIN));

        User demoted = admin.withoutRole(Role.ADMIN);
        assertFalse(demoted.holds(Role.ADMIN));
        assertEquals(admin.securityVersion() + 1, demoted.securityVersion());
        assertSame(demoted, demoted.withoutRole(Role.ADMIN));
        assertFalse(admin.equals(demoted.withRole(Role.ADMIN).withRole(SUPPORT)));
    }

    @Test
    void a_user_holds_at_most_sixteen_roles() {
        User many = jane();
        for (int i = 0; i < User.MAX_ROLES; i++) {
            many = many.withRole(new Role("role" + i));
        }
        User full = many;
        assertEquals(User.MAX_ROLES, full.roles().size());
        assertThrows(IllegalArgumentException.class, () -> full.withRole(new Role("one-too-many")));
    }

    @Test
    void roles_survive_every_other_change() {
        User admin = jane().withRole(Role.ADMIN).withRole(SUPPORT);
        assertEquals(List.of(Role.ADMIN, SUPPORT), List.copyOf(admin.roles()));
        assertEquals(admin.roles(), admin.disable().enable().roles());
        assertEquals(admin.roles(), admin.changePassword(HASH).roles());
        assertEquals(admin.roles(), admin.endAllSessions().roles());
        assertThrows(UnsupportedOperationException.class, () -> admin.roles().add(new Role("other")));
    }

    @Test
    void a_token_gets_only_what_was_asked_and_is_allowed() {
        User jane = jane();
        User admin = jane.withRole(Role.ADMIN);

        assertEquals(Set.of(), POLICY.grant(jane, Set.of()));
        assertEquals(Set.of(ME), POLICY.grant(jane, List.of(ME, ScopePolicy.ADMIN, new Scope("anything"))));
        assertEquals(List.of(ScopePolicy.ADMIN, ME), List.copyOf(POLICY.grant(admin, List.of(ScopePolicy.ADMIN, ME))));
        assertEquals(Set.of(USERS_READ), POLICY.grant(jane.withRole(SUPPORT), List.of(USERS_READ, ScopePolicy.ADMIN)));
    }

    @Test
    void a_role_the_policy_does_not_know_grants_nothing() {
        User stranger = jane().withRole(new Role("ghost"));
        assertEquals(Set.of(ME, ITEMS), POLICY.allowed(stranger));
        assertFalse(POLICY.knows(new Role("ghost")));
        assertTrue(POLICY.knows(SUPPORT));
    }

    @Test
    void the_policy_advertises_every_scope_and_role_sorted() {
        assertEquals(List.of(ScopePolicy.ADMIN, ITEMS, ME, USERS_READ), List.copyOf(POLICY.known()));
        assertEquals(List.of(Role.ADMIN, SUPPORT), List.copyOf(POLICY.roles()));
        assertEquals(Set.of(ScopePolicy.ADMIN, ITEMS, ME), ScopePolicy.DEFAULT.known());
    }
}
