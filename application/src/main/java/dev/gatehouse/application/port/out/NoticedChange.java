package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.User;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * What using a link does to its account, and the mail that tells the owner: stored together with the link's use by
 * {@link PasswordResets#redeem} and {@link EmailVerifications#redeem}, so that an account never changes without its
 * notice on the way, nor is a notice sent for a change that was not stored.
 *
 * @param change the account as it should be, given it as stored now (answering it unchanged changes nothing)
 * @param notice the mail this change calls for, given the account before and after it; empty for none
 */
public record NoticedChange(UnaryOperator<User> change, BiFunction<User, User, Optional<OutgoingMail>> notice) {

    /** Changes nothing and mails nothing: the link is only used. */
    public static final NoticedChange NONE = new NoticedChange(UnaryOperator.identity(), (before, after) -> Optional.empty());

    public NoticedChange {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(notice, "notice");
    }

    /** The change applied to {@code before}, never null: what the account becomes. */
    public User applyTo(User before) {
        return Objects.requireNonNull(change.apply(before), "the change answered no account");
    }

    /** The mail the change from {@code before} to {@code after} calls for, if any. */
    public Optional<OutgoingMail> noticeFor(User before, User after) {
        return Objects.requireNonNull(notice.apply(before, after), "the notice answered null");
    }
}
