package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.User;
import java.util.List;

/** The users of one page of a {@link UserSearch}, and how many users match in all. */
public record UserPage(List<User> users, long total) {

    public UserPage {
        users = List.copyOf(users);
        if (total < users.size()) {
            throw new IllegalArgumentException("total must count at least the users of the page");
        }
    }
}
