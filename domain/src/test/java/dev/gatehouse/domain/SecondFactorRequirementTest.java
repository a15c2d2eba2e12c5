package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecondFactorRequirementTest {

    private static final Scope ME = new Scope("me");
    private static final Scope REPORTS = new Scope("reports");
    private static final Role AUDITOR = new Role("auditor");
    private static final ScopePolicy POLICY = new ScopePolicy(Set.of(ME),
            Map.of(Role.ADMIN, Set.of(ScopePolicy.ADMIN, REPORTS), AUDITOR, Set.of(REPORTS)));

    @Test
    void only_the_scopes_a_required_role_alone_grants_are_guarded() {
        SecondFactorRequirement admins = new SecondFactorRequirement(Set.of(Role.ADMIN));
        User admin = user().withRole(Role.ADMIN);
        User adminAndAuditor = admin.withRole(AUDITOR);

        assertEquals(Set.of(ScopePolicy.ADMIN, REPORTS), admins.guarded(admin, Set.of(ME, ScopePolicy.ADMIN, REPORTS), POLICY));
        assertEquals(Set.of(ScopePolicy.ADMIN), admins.guarded(adminAndAuditor, Set.of(ME, ScopePolicy.ADMIN, REPORTS), POLICY),
                "reports comes with another role too");
        assertEquals(Set.of(), admins.guarded(admin, Set.of(ME), POLICY), "an ordinary token is not guarded");
        assertEquals(Set.of(), admins.guarded(user(), Set.of(ME), POLICY));
        assertEquals(Set.of(), SecondFactorRequirement.NONE.guarded(admin, Set.of(ScopePolicy.ADMIN), POLICY));
    }

    private static User user() {
        return User.register(new Username("jane"), new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                null, null, Instant.EPOCH);
    }
}
