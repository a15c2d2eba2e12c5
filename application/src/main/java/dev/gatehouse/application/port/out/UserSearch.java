package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.UserSearchLimits;
import java.util.Objects;

/**
 * One page of a user search: users whose username or email contains {@code text}, ignoring case (empty text:
 * every user), in username order. Pages count from 0.
 */
public record UserSearch(String text, int page, int size) {

    public static final int MAX_TEXT_LENGTH = UserSearchLimits.MAX_TEXT_LENGTH;
    public static final int MAX_PAGE_SIZE = UserSearchLimits.MAX_PAGE_SIZE;
    public static final int MAX_PAGE = UserSearchLimits.MAX_PAGE;

    public UserSearch {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("search text must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        if (page < 0 || page > MAX_PAGE) {
            throw new IllegalArgumentException("page must be 0 to " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1 to " + MAX_PAGE_SIZE);
        }
    }

    public int offset() {
        return page * size;
    }
}
