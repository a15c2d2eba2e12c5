package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;
import java.util.List;

/** One page of users, how many match in all, and which page this is. */
public record UserListing(List<User> users, long total, int page, int size) {

    public UserListing {
        users = List.copyOf(users);
    }
}
