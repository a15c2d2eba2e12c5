package dev.gatehouse.adapter.out.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the database is and how big the pool may be: PostgreSQL in production, or an embedded H2 file
 * database (PostgreSQL mode) for a single-node install. {@code user} and {@code password} may be null when
 * the URL or the server does not need them. {@link #toString()} never shows the password.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maximumPoolSize) {

    public static final int MIN_POOL_SIZE = 2;
    static final int MAX_POOL_SIZE = 100;

    /** The H2 flags that make it behave like PostgreSQL for our SQL; shared with the test databases. */
    static final String H2_POSTGRESQL_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private static final int EMBEDDED_POOL_SIZE = 10;
    // password=... in a query string (?/&) or in H2-style settings (;), and user:secret@ in an authority.
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@?;]*:)[^@/?;]*@");

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl must not be null");
        if (jdbcUrl.isBlank() || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl must be a JDBC URL (jdbc:...), got '" + maskUrl(jdbcUrl) + "'");
        }
        // Flyway holds a second connection for its lock while it migrates on the first.
        if (maximumPoolSize < MIN_POOL_SIZE || maximumPoolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException(
                    "maximumPoolSize must be between " + MIN_POOL_SIZE + " and " + MAX_POOL_SIZE + ", got " + maximumPoolSize);
        }
    }

    /**
     * An H2 file database at {@code dataDirectory/gatehouse}, in PostgreSQL mode so that the same
     * migrations and queries run on it; creates the directory if it is missing.
     */
    public static DatabaseSettings embedded(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory must not be null");
        Path directory = dataDirectory.toAbsolutePath().normalize();
        String location = directory.resolve("gatehouse").toString();
        if (location.contains(";")) {
            // H2 would read what follows the ';' as a connection setting.
            throw new IllegalArgumentException("the data directory must not contain ';': " + directory);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
        return new DatabaseSettings("jdbc:h2:file:" + location + H2_POSTGRESQL_MODE, "sa", "", EMBEDDED_POOL_SIZE);
    }

    /** True for an H2 database (file or in-memory), which lives inside this process. */
    public boolean isEmbedded() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** The URL with any password it carries masked, safe for logs and error messages. */
    String redactedJdbcUrl() {
        return maskUrl(jdbcUrl);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + redactedJdbcUrl()
                + ", user=" + user
                + ", password=" + (password == null ? "null" : "****")
                + ", maximumPoolSize=" + maximumPoolSize + "]";
    }

    /** Masks passwords in any text: URL parameters, URL user info, and this settings' own password. */
    String redactSecrets(String text) {
        String masked = maskUrl(text == null ? "null" : text);
        if (password != null && !password.isEmpty()) {
            masked = masked.replace(password, "****");
        }
        return masked;
    }

    private static String maskUrl(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1****");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1****@");
    }
}
