package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Username;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Turns one user's raw fields into domain values, or says which field is wrong; shared by every file format. */
final class ImportFields {

    private ImportFields() {
    }

    /** A field that is not what the format says; the user is refused, the rest of the file goes on. */
    static final class Invalid extends RuntimeException {

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static ImportEntry entry(String position, String username, Optional<String> email, Optional<String> fullName, boolean disabled,
                             Collection<String> roles, String passwordHash) {
        Username name;
        try {
            name = new Username(username == null ? "" : username);
        } catch (IllegalArgumentException invalid) {
            return new ImportEntry.Unreadable(position, shown(username), "invalid username: " + invalid.getMessage());
        }
        try {
            return new ImportEntry.Readable(position, name, email.filter(value -> !value.isEmpty()).map(ImportFields::email),
                    fullName.map(String::strip).filter(value -> !value.isEmpty()).map(ImportFields::fullName), disabled,
                    roles(roles), hash(passwordHash));
        } catch (Invalid invalid) {
            return new ImportEntry.Unreadable(position, name.value(), invalid.getMessage());
        }
    }

    static Invalid invalid(String message) {
        return new Invalid(message);
    }

    private static EmailAddress email(String raw) {
        try {
            return new EmailAddress(raw);
        } catch (IllegalArgumentException invalid) {
            throw new Invalid("invalid email: " + invalid.getMessage());
        }
    }

    private static FullName fullName(String raw) {
        try {
            return new FullName(raw);
        } catch (IllegalArgumentException invalid) {
            throw new Invalid("invalid full name: " + invalid.getMessage());
        }
    }

    private static Set<Role> roles(Collection<String> raw) {
        Set<Role> roles = new TreeSet<>();
        for (String name : raw) {
            try {
                roles.add(new Role(name));
            } catch (IllegalArgumentException invalid) {
                throw new Invalid("invalid role '" + shown(name) + "': " + invalid.getMessage());
            }
        }
        if (roles.size() > dev.gatehouse.domain.User.MAX_ROLES) {
            throw new Invalid("more than " + dev.gatehouse.domain.User.MAX_ROLES + " roles");
        }
        return roles;
    }

    private static PasswordHash hash(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new Invalid("no password hash");
        }
        try {
            return new PasswordHash(raw);
        } catch (IllegalArgumentException invalid) {
            throw new Invalid("invalid password hash: " + invalid.getMessage());
        }
    }

    /** A name as a report may show it: printable, and short. */
    static String shown(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "(no name)";
        }
        String printable = raw.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}
