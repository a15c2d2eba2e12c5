package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.EmailVerification;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verification links in memory, stored with the given users and outbox under one lock (the outbox's), so an account,
 * its link and their mail are stored together; held honest by {@link EmailVerificationsContract}.
 */
public final class InMemoryEmailVerifications implements EmailVerifications {

    private final Map<ResetTokenHash, EmailVerification> links = new HashMap<>();
    private final UserRepository users;
    private final InMemoryMailOutbox outbox;

    public InMemoryEmailVerifications(UserRepository users, InMemoryMailOutbox outbox) {
        this.users = users;
        this.outbox = outbox;
    }

    @Override
    public AddUserOutcome register(User user, EmailVerification link, OutgoingMail mail) {
        synchronized (outbox) {
            synchronized (this) {
                if (links.containsKey(link.hash())) {
                    throw new IllegalStateException("verification link already issued");
                }
                // The only step that can refuse goes first: nothing is stored unless the user is.
                AddUserOutcome outcome = users.add(user);
                if (outcome == AddUserOutcome.ADDED) {
                    outbox.enqueue(mail, link.issuedAt());
                    links.put(link.hash(), link);
                }
                return outcome;
            }
        }
    }

    @Override
    public void issue(EmailVerification link, OutgoingMail mail) {
        synchronized (outbox) {
            synchronized (this) {
                if (links.containsKey(link.hash())) {
                    throw new IllegalStateException("verification link already issued");
                }
                outbox.enqueue(mail, link.issuedAt());
                links.put(link.hash(), link);
            }
        }
    }

    @Override
    public synchronized Optional<EmailVerification> find(ResetTokenHash hash) {
        return Optional.ofNullable(links.get(hash));
    }

    @Override
    public Optional<User> redeem(ResetTokenHash hash, Instant at, NoticedChange change) {
        synchronized (outbox) {
            synchronized (this) {
                EmailVerification link = links.get(hash);
                if (link == null || !link.isRedeemableAt(at)) {
                    return Optional.empty();
                }
                return InMemoryNoticedChanges.apply(users, link.user(), change, () -> links.replaceAll((key, other) ->
                        other.user().equals(link.user()) && other.usedAt().isEmpty()
                                ? new EmailVerification(other.hash(), other.user(), other.address(), other.issuedAt(),
                                other.expiresAt(), Optional.of(at))
                                : other), outbox, at);
            }
        }
    }

    @Override
    public synchronized int forgetExpiredBefore(Instant cutoff) {
        int before = links.size();
        links.values().removeIf(link -> link.expiresAt().isBefore(cutoff));
        return before - links.size();
    }
}
