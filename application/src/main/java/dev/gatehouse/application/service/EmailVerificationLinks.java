package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.EmailVerification;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import java.time.Instant;
import java.util.Map;

/**
 * Issues email-verification links the way {@link PasswordResetLinks} issues reset links: a token from
 * {@link SecretTokens}, stored as its hash together with the mail that carries it, in one step. Shared by registration,
 * a request for a new link and a change of address.
 */
final class EmailVerificationLinks {

    private final EmailVerifications verifications;

    EmailVerificationLinks(EmailVerifications verifications) {
        this.verifications = verifications;
    }

    /** Stores the newly registered {@code user} (which has an address) with a link proving it, and its mail. */
    AddUserOutcome register(User user, Instant now) {
        Minted minted = mint(user, user.email().orElseThrow(), now);
        return verifications.register(user, minted.link(), minted.mail());
    }

    /** Issues a link proving {@code address} for {@code account} and puts its mail, to that address, in the outbox. */
    void issue(User account, EmailAddress address, Instant now) {
        Minted minted = mint(account, address, now);
        verifications.issue(minted.link(), minted.mail());
    }

    static ResetTokenHash hashOf(String token) {
        return SecretTokens.linkHash(token);
    }

    private record Minted(EmailVerification link, OutgoingMail mail) {
    }

    private static Minted mint(User account, EmailAddress address, Instant now) {
        String token = SecretTokens.newToken();
        EmailVerification link = EmailVerification.issue(hashOf(token), account.id(), address, now);
        OutgoingMail mail = OutgoingMail.of(address, MailTemplate.EMAIL_VERIFICATION, Map.of(
                "username", account.username().value(),
                "token", token,
                "hours", Long.toString(EmailVerification.LIFETIME.toHours())));
        return new Minted(link, mail);
    }
}
