package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.User;
import java.util.Objects;

/** What {@link UserRepository#changeKeepingAnActiveHolder} did. */
public sealed interface GuardedChange {

    /** Stored (or nothing to store): the user as it is now. */
    record Changed(User user) implements GuardedChange {

        public Changed {
            Objects.requireNonNull(user, "user");
        }
    }

    /** Refused: no active user would hold the role afterwards. The user as it is, unchanged. */
    record LastHolder(User user) implements GuardedChange {

        public LastHolder {
            Objects.requireNonNull(user, "user");
        }
    }

    /** There is no such user. */
    record NoSuchUser() implements GuardedChange {
    }
}
