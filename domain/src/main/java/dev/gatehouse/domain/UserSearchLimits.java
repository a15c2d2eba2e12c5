package dev.gatehouse.domain;

/**
 * How much one user search may ask for, the same for an administrator over HTTP, the command line and every
 * store: text no longer than an email address, pages of at most 100 users, and no deeper than page 10,000 (deep
 * pages cost the database a long scan; nobody pages through a million users by hand).
 */
public final class UserSearchLimits {

    public static final int MAX_TEXT_LENGTH = 254;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_PAGE = 10_000;

    private UserSearchLimits() {
    }
}
