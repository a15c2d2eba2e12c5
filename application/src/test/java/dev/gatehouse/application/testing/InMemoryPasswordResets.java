package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.PasswordReset;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reset links in memory, issued into the given outbox under one lock (the outbox's), so a link and its mail are stored
 * together, as are a link's use, its account's change and the notice; held honest by {@link PasswordResetsContract}.
 */
public final class InMemoryPasswordResets implements PasswordResets {

    private final Map<ResetTokenHash, PasswordReset> resets = new HashMap<>();
    private final UserRepository users;
    private final InMemoryMailOutbox outbox;

    /** Links of {@code users}' accounts, their mails and notices going to {@code outbox}. */
    public InMemoryPasswordResets(UserRepository users, InMemoryMailOutbox outbox) {
        this.users = users;
        this.outbox = outbox;
    }

    /** With an outbox of its own, {@link #outbox()}. */
    public InMemoryPasswordResets(UserRepository users) {
        this(users, new InMemoryMailOutbox());
    }

    /** For assemblies that never use a link: over no accounts, so a link's use finds none and changes nothing. */
    public InMemoryPasswordResets() {
        this(new InMemoryUserRepository());
    }

    /** The outbox the links' mails go to. */
    public InMemoryMailOutbox outbox() {
        return outbox;
    }

    @Override
    public void issue(PasswordReset reset, OutgoingMail mail) {
        synchronized (outbox) {
            synchronized (this) {
                if (resets.containsKey(reset.hash())) {
                    throw new IllegalStateException("reset link already issued");
                }
                outbox.enqueue(mail, reset.issuedAt());
                resets.put(reset.hash(), reset);
            }
        }
    }

    @Override
    public synchronized Optional<PasswordReset> find(ResetTokenHash hash) {
        return Optional.ofNullable(resets.get(hash));
    }

    @Override
    public Optional<User> redeem(ResetTokenHash hash, Instant at, NoticedChange change) {
        synchronized (outbox) {
            synchronized (this) {
                PasswordReset reset = resets.get(hash);
                if (reset == null || !reset.isRedeemableAt(at)) {
                    return Optional.empty();
                }
                return InMemoryNoticedChanges.apply(users, reset.user(), change, () -> resets.replaceAll((key, other) ->
                        other.user().equals(reset.user()) && other.usedAt().isEmpty()
                                ? new PasswordReset(other.hash(), other.user(), other.issuedAt(), other.expiresAt(), Optional.of(at))
                                : other), outbox, at);
            }
        }
    }

    @Override
    public synchronized int forgetExpiredBefore(Instant cutoff) {
        int before = resets.size();
        resets.values().removeIf(reset -> reset.expiresAt().isBefore(cutoff));
        return before - resets.size();
    }
}
