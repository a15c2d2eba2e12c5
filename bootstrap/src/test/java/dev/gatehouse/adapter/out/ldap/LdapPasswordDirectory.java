package dev.gatehouse.adapter.out.ldap;

import dev.gatehouse.application.port.out.BindOutcome;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.PlainPassword;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Objects;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.NamingException;
import javax.naming.directory.InitialDirContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A {@link PasswordDirectory} over LDAP, with nothing but the JDK's JNDI client: a simple bind as the entry's DN
 * ({@code uid=<entry>,<base>}), on a connection of its own, closed at once. It works against OpenLDAP, 389 DS or
 * Active Directory (there with {@code sAMAccountName}-style names, or a UPN as the whole DN). Use {@code ldaps://}
 * in production: a simple bind sends the password as it is.
 */
public final class LdapPasswordDirectory implements PasswordDirectory {

    private final String url;
    private final String attribute;
    private final LdapName base;
    private final String timeoutMillis;

    /**
     * Binds at {@code url} ({@code ldap://host:port} or {@code ldaps://…}) as {@code attribute=<entry>,base}, giving
     * up on connecting, and on waiting for the answer, after {@code timeout}.
     */
    public LdapPasswordDirectory(String url, String attribute, String base, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        try {
            this.base = new LdapName(base);
        } catch (InvalidNameException notADn) {
            throw new IllegalArgumentException("not a distinguished name: " + base, notADn);
        }
        this.timeoutMillis = Long.toString(timeout.toMillis());
    }

    @Override
    public BindOutcome bind(DirectoryEntry entry, PlainPassword password) {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, url);
        environment.put(Context.SECURITY_AUTHENTICATION, "simple");
        environment.put(Context.SECURITY_PRINCIPAL, distinguishedName(entry));
        // Never empty (PlainPassword refuses that), which matters: JNDI turns a simple bind with an empty password into
        // an anonymous one, which most directories let through.
        environment.put(Context.SECURITY_CREDENTIALS, password.value());
        // A login holds the account's turn while it binds: a directory that hangs must not hold it for ever.
        environment.put("com.sun.jndi.ldap.connect.timeout", timeoutMillis);
        environment.put("com.sun.jndi.ldap.read.timeout", timeoutMillis);
        try {
            new InitialDirContext(environment).close();
            return BindOutcome.BOUND;
        } catch (AuthenticationException invalidCredentials) {
            // Result 49: a wrong password, an unknown entry, a locked or expired account alike.
            return BindOutcome.REFUSED;
        } catch (NamingException noAnswer) {
            // Refused connection, timeout, an answer that is neither yes nor no: for a login, no directory right now.
            throw new StoreUnavailableException("the directory at " + url + " gave no answer to a bind: " + noAnswer, noAnswer);
        }
    }

    /** {@code attribute=<entry>,base}, the entry escaped (RFC 4514) so that no name can mean another entry. */
    String distinguishedName(DirectoryEntry entry) {
        LdapName name = (LdapName) base.clone();
        try {
            name.add(new Rdn(attribute, entry.name()));
        } catch (InvalidNameException impossible) {
            throw new IllegalStateException(impossible);
        }
        return name.toString();
    }
}
