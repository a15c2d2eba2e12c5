package dev.gatehouse.adapter.out.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the Redis server is: a {@code redis://[user:password@]host[:port][/database]} URL, or {@code rediss://} for
 * TLS. The URL may hold a password: {@link #redactedUrl()} is the form to log.
 */
public record RedisSettings(URI url) {

    public RedisSettings {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("a Redis URL starts with redis:// or rediss://");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("a Redis URL names a host, e.g. redis://localhost:6379");
        }
        String path = url.getPath() == null ? "" : url.getPath();
        if (!path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,5}")) {
            throw new IllegalArgumentException("a Redis URL's path is a database number, e.g. redis://localhost:6379/0");
        }
    }

    /** Parses {@code text}; the message of a refusal never quotes the text (it may hold a password). */
    public static RedisSettings parse(String text) {
        try {
            return new RedisSettings(new URI(text.strip()));
        } catch (URISyntaxException invalid) {
            throw new IllegalArgumentException("not a URL such as redis://localhost:6379/0");
        }
    }

    /** The URL with any password replaced by {@code ***}. */
    public String redactedUrl() {
        String userInfo = url.getRawUserInfo();
        if (userInfo == null) {
            return url.toString();
        }
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return url.toString().replace(userInfo + "@", masked + "@");
    }

    @Override
    public String toString() {
        return "RedisSettings[" + redactedUrl() + "]";
    }
}
