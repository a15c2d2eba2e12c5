package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.domain.PasswordReset;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import java.time.Instant;
import java.util.Map;

/**
 * Issues reset links: a token minted like a refresh token ({@link SecretTokens}), stored as its hash together with the
 * mail that carries it, in one step. Shared by the owner's request and an administrator's.
 */
final class PasswordResetLinks {

    private final PasswordResets resets;

    PasswordResetLinks(PasswordResets resets) {
        this.resets = resets;
    }

    /** Issues a link for {@code account}, which must have an email address, and puts its mail in the outbox. */
    void issue(User account, Instant now) {
        String token = SecretTokens.newToken();
        PasswordReset reset = PasswordReset.issue(hashOf(token), account.id(), now);
        OutgoingMail mail = OutgoingMail.of(account.email().orElseThrow(), MailTemplate.PASSWORD_RESET, Map.of(
                "username", account.username().value(),
                "token", token,
                "minutes", Long.toString(PasswordReset.LIFETIME.toMinutes())));
        resets.issue(reset, mail);
    }

    static ResetTokenHash hashOf(String token) {
        return SecretTokens.linkHash(token);
    }
}
