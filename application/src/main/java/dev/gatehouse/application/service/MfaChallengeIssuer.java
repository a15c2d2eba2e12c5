package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.MfaChallenge;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * After a right password: when the account has an active second factor, stores a challenge (the {@code mfa_token}'s
 * hash, bound to the user and its security version, the client and what it asked for) and hands out the token
 * instead of a session.
 */
final class MfaChallengeIssuer {

    /** How long the second step may take: long enough to open an app, short enough to be of little use stolen. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    /** A token, and how long it lasts. */
    record Issued(String mfaToken, Duration expiresIn) {
    }

    private final TwoFactorCredentials credentials;
    private final MfaChallenges challenges;
    private final AuditLog audit;
    private final Clock clock;

    MfaChallengeIssuer(TwoFactorCredentials credentials, MfaChallenges challenges, AuditLog audit, Clock clock) {
        this.credentials = credentials;
        this.challenges = challenges;
        this.audit = audit;
        this.clock = clock;
    }

    /** A challenge when {@code user} has an active second factor; empty when the password alone signs them in. */
    Optional<Issued> challengeIfEnrolled(User user, Set<Scope> scopes, Optional<ClientId> client,
                                         Optional<Audience> resource, ClientAddress from) {
        return challengeIfEnrolled(user, scopes, client, resource, from, SecretTokens::sha256Hex);
    }

    /**
     * As above, the challenge stored under {@code hashOf} its token: the sign-in page's challenges are hashed apart
     * from the grant's, so a token of one kind never completes the other kind of login.
     */
    Optional<Issued> challengeIfEnrolled(User user, Set<Scope> scopes, Optional<ClientId> client,
                                         Optional<Audience> resource, ClientAddress from,
                                         java.util.function.UnaryOperator<String> hashOf) {
        if (credentials.find(user.id()).filter(TwoFactorEnrolment::active).isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String token = SecretTokens.newToken();
        challenges.issue(new MfaChallenge(hashOf.apply(token), user.id(), user.securityVersion(), client, scopes,
                resource, now.plus(LIFETIME).truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        audit.record(new AuditEvent(AuditEvent.Type.SECOND_FACTOR_REQUIRED, user.username().value(), from, now));
        return Optional.of(new Issued(token, LIFETIME));
    }
}
