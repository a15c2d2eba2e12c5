package dev.gatehouse.adapter.in.web;

import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the discovery endpoints say. {@code issuer}: the {@code iss} of issued tokens, published as the
 * metadata's issuer. {@code publicUrl}: where clients reach this server (scheme, host, optional port and path
 * prefix, no query); without it the endpoints are named after the address the request arrived on, which is
 * right only for direct, local use. {@code keySetMaxAge}: how long clients may cache the key set; it must be
 * shorter than the pre-publication window, so every cached key set holds a new key before it signs.
 * {@code scopesSupported}: every scope some user could be granted, as the metadata lists them.
 */
public record DiscoverySettings(String issuer, Optional<URI> publicUrl, Duration keySetMaxAge, List<String> scopesSupported) {

    public static final Duration DEFAULT_KEY_SET_MAX_AGE = Duration.ofMinutes(15);
    public static final DiscoverySettings DEFAULT = new DiscoverySettings("gatehouse", Optional.empty(), DEFAULT_KEY_SET_MAX_AGE,
            ScopePolicy.DEFAULT.known().stream().map(Scope::value).toList());

    public DiscoverySettings {
        Objects.requireNonNull(issuer, "issuer");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be blank");
        }
        Objects.requireNonNull(publicUrl, "publicUrl");
        publicUrl = publicUrl.map(DiscoverySettings::requireBaseUrl);
        Objects.requireNonNull(keySetMaxAge, "keySetMaxAge");
        if (keySetMaxAge.isNegative() || keySetMaxAge.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("keySetMaxAge must be between 0 and a day");
        }
        scopesSupported = List.copyOf(scopesSupported);
    }

    /** An absolute http(s) URL without query, fragment or user info; a trailing slash is dropped. */
    public static URI requireBaseUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the public URL must be an absolute http(s) URL without query, fragment "
                    + "or user info, e.g. https://auth.example.com");
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
