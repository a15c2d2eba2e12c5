package dev.gatehouse.domain;

import java.util.Objects;

/**
 * The name under which an external password directory knows an account (an LDAP {@code uid}, an Active Directory
 * {@code sAMAccountName}): 1 to {@value #MAX_LENGTH} characters, none of them white space or control characters.
 * Taken literally: the directory's adapter turns it into its own form (a DN) and escapes it there.
 */
public record DirectoryEntry(String name) {

    public static final int MAX_LENGTH = 256;

    public DirectoryEntry {
        Objects.requireNonNull(name, "directory entry must not be null");
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("directory entry must be 1 to " + MAX_LENGTH + " characters");
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("directory entry must not contain white space or control characters");
        }
    }
}
