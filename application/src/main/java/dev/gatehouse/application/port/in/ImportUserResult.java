package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.Username;

/** Every way the import of one account can end; callers switch over it exhaustively. */
public sealed interface ImportUserResult {

    Username username();

    /** The account is stored now; in a dry run ({@code stored} false) it would have been, and nothing was written. */
    record Imported(Username username, boolean stored) implements ImportUserResult {
    }

    /** An account of this name with exactly this profile, roles and hash is stored already: nothing changed. */
    record AlreadyPresent(Username username) implements ImportUserResult {
    }

    /** Not imported, nothing written; {@code reason} says why (never the hash itself). */
    record Refused(Username username, String reason) implements ImportUserResult {
    }
}
