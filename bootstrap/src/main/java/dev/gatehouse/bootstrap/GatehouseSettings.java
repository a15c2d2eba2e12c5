package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.persistence.Argon2Parameters;
import dev.gatehouse.adapter.persistence.DatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting Gatehouse reads, parsed and validated once at start. An invalid value stops the start
 * with an {@link InvalidSettingException} that names the setting. The names are a public interface:
 * operators and scripts depend on them.
 */
public record GatehouseSettings(
        String host,
        int port,
        DatabaseSettings database,
        Optional<byte[]> jwtSecret,
        String jwtIssuer,
        String jwtAudience,
        Duration tokenLifetime,
        Argon2Parameters argon2,
        boolean demo) {

    public static final int MINIMUM_SECRET_BYTES = 32;
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h)?");

    /** Reads and validates every setting; see the README's configuration table for each name. */
    public static GatehouseSettings from(SettingSource source) {
        boolean demo = parseBoolean(source, "GATEHOUSE_DEMO", false);
        return new GatehouseSettings(
                source.get("GATEHOUSE_HOST").orElse("127.0.0.1"),
                parseInt(source, "GATEHOUSE_PORT", 8080, 0, 65_535),
                database(source),
                secret(source, demo),
                source.get("GATEHOUSE_JWT_ISSUER").orElse("gatehouse"),
                source.get("GATEHOUSE_JWT_AUDIENCE").orElse("gatehouse"),
                parseDuration(source, "GATEHOUSE_TOKEN_TTL", Duration.ofMinutes(15), Duration.ofDays(1)),
                argon2(source),
                demo);
    }

    private static DatabaseSettings database(SettingSource source) {
        int poolSize = parseInt(source, "GATEHOUSE_DB_POOL_SIZE", 10, 1, 100);
        Optional<String> url = source.get("GATEHOUSE_DB_URL");
        if (url.isEmpty()) {
            Path dataDirectory = Path.of(source.get("GATEHOUSE_DATA_DIR").orElse("data"));
            return DatabaseSettings.embedded(dataDirectory);
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw new InvalidSettingException("GATEHOUSE_DB_URL must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://localhost:5432/gatehouse (unset it to use the embedded database)");
        }
        return new DatabaseSettings(url.get(), source.get("GATEHOUSE_DB_USER").orElse(null),
                source.raw("GATEHOUSE_DB_PASSWORD").orElse(null), poolSize);
    }

    /**
     * Without a configured secret only the demo may run, on a random key that dies with the process;
     * anything else would sign tokens with a key nobody chose.
     */
    private static Optional<byte[]> secret(SettingSource source, boolean demo) {
        Optional<String> secret = source.raw("GATEHOUSE_JWT_SECRET").filter(value -> !value.isEmpty());
        if (secret.isEmpty()) {
            if (demo) {
                return Optional.empty();
            }
            throw new InvalidSettingException("GATEHOUSE_JWT_SECRET is not set: set it to at least "
                    + MINIMUM_SECRET_BYTES + " random bytes, e.g. export GATEHOUSE_JWT_SECRET=$(openssl rand -hex 32) "
                    + "(or GATEHOUSE_DEMO=true for a throw-away demo key)");
        }
        byte[] bytes = secret.get().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MINIMUM_SECRET_BYTES) {
            throw new InvalidSettingException("GATEHOUSE_JWT_SECRET must be at least " + MINIMUM_SECRET_BYTES
                    + " bytes (256 bits), got " + bytes.length + "; generate one with: openssl rand -hex 32");
        }
        return Optional.of(bytes);
    }

    private static Argon2Parameters argon2(SettingSource source) {
        Argon2Parameters owasp = Argon2Parameters.OWASP;
        int memory = parseInt(source, "GATEHOUSE_ARGON2_MEMORY_KIB", owasp.memoryKiB(), 8, 4_194_304);
        int iterations = parseInt(source, "GATEHOUSE_ARGON2_ITERATIONS", owasp.iterations(), 1, 100);
        int parallelism = parseInt(source, "GATEHOUSE_ARGON2_PARALLELISM", owasp.parallelism(), 1, 64);
        try {
            return new Argon2Parameters(memory, iterations, parallelism);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingException("GATEHOUSE_ARGON2_*: " + invalid.getMessage());
        }
    }

    static int parseInt(SettingSource source, String name, int defaultValue, int min, int max) {
        Optional<String> raw = source.get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the allowed range
        }
        throw new InvalidSettingException(name + " must be a whole number from " + min + " to " + max
                + ", got '" + raw.get() + "'");
    }

    static boolean parseBoolean(SettingSource source, String name, boolean defaultValue) {
        Optional<String> raw = source.get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new InvalidSettingException(name + " must be true or false, got '" + raw.get() + "'");
        };
    }

    /** Seconds ("900"), a number with s/m/h ("15m"), or ISO-8601 ("PT15M"). */
    static Duration parseDuration(SettingSource source, String name, Duration defaultValue, Duration max) {
        Optional<String> raw = source.get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Duration value = null;
        Matcher shortForm = SHORT_DURATION.matcher(raw.get());
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            String unit = shortForm.group(2) == null ? "s" : shortForm.group(2);
            value = switch (unit) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                value = Duration.parse(raw.get());
            } catch (DateTimeParseException notIso) {
                // reported below
            }
        }
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new InvalidSettingException(name + " must be a duration above zero and at most " + max
                    + " (e.g. 900, 15m, 1h or PT15M), got '" + raw.get() + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "GatehouseSettings[host=" + host + ", port=" + port + ", database=" + database
                + ", jwtSecret=" + (jwtSecret.isPresent() ? "configured" : "random (demo)")
                + ", tokenLifetime=" + tokenLifetime + ", argon2=" + argon2 + ", demo=" + demo + "]";
    }
}
