package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.PlainPassword;

/**
 * An external directory that keeps some accounts' passwords itself (LDAP, Active Directory) and can only answer
 * whether a password binds for one of its entries. Log-in asks it, instead of the password hasher, for the accounts
 * whose stored hash says so ({@code $directory$<entry>}, see {@link dev.gatehouse.domain.PasswordHash#inDirectory});
 * Gatehouse never holds, changes or rehashes those passwords. Every adapter passes {@code PasswordDirectoryContract}.
 * The rules:
 * <ul>
 *   <li>a wrong password, an unknown entry, a locked or expired one are all {@link BindOutcome#REFUSED}, never an
 *       exception: log-in answers them as one outcome and counts them against the throttle;</li>
 *   <li>the directory's bind is the only check: an adapter must not accept a bind the directory did not make (an
 *       anonymous or unauthenticated bind is a refusal), and must escape the entry into its own syntax so that no
 *       entry name binds as another;</li>
 *   <li>it spends about the same time on every answer: that is the directory's business now, as a login's timing
 *       for these accounts is the bind's;</li>
 *   <li>it answers within a bounded time: log-in holds the account's turn while it binds. A directory that cannot
 *       be reached, or does not answer in time, throws {@link StoreUnavailableException}, as every store does, and
 *       the attempt is not counted as a failure;</li>
 *   <li>it is safe to call from many threads at once.</li>
 * </ul>
 */
public interface PasswordDirectory {

    /** Whether {@code password} binds as {@code entry}; the password goes to the directory as typed. */
    BindOutcome bind(DirectoryEntry entry, PlainPassword password);

    /**
     * No directory at all, for deployments whose accounts all keep a hash, which is every account Gatehouse itself
     * creates. An account that refers to a directory exists only if an operator stored one; with no directory it
     * cannot log in, and its login answers as a store that is down, which points the operator at the missing setting.
     */
    static PasswordDirectory none() {
        return (entry, password) -> {
            throw new StoreUnavailableException("an account's password is kept by a directory, but no password directory "
                    + "is configured", null);
        };
    }
}
