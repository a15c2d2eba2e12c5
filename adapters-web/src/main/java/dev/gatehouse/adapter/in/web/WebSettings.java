package dev.gatehouse.adapter.in.web;

import dev.gatehouse.domain.KnownDeviceLifetime;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP layer meets the network. {@code addressing}: which peers are our own reverse proxies, whose
 * {@code X-Forwarded-For} names the client (no others: anyone could pick the address they are throttled and audited
 * under), and the IPv6 block a client is budgeted as. {@code secureCookies}: mark the known-device cookie {@code Secure}, so it only travels over HTTPS; off
 * only for plain-HTTP development. {@code knownDeviceLifetime}: the cookie's {@code Max-Age}, to match the
 * lifetime the known-device credentials were issued with. {@code discovery}: what the key set and the
 * authorization server metadata say. {@code clientAuthentication}: client applications are registered, so the token
 * and revocation endpoints read client credentials strictly (HTTP Basic or form fields, not both) and the metadata
 * lists the client authentication methods; off, they ignore client credentials, as FastAPI's tutorial does.
 * {@code rateLimits}: the per-client request budgets checked before any use case runs. {@code registrationOpen}:
 * anyone may register at {@code POST /users} (the tutorial's contract); closed, it answers 403 and accounts are made
 * by an operator from the command line.
 */
public record WebSettings(ClientAddressing addressing, boolean secureCookies, Duration knownDeviceLifetime,
                          DiscoverySettings discovery, boolean clientAuthentication, RateLimits rateLimits,
                          boolean registrationOpen) {

    /** Clients connect directly, cookies are HTTPS-only and live as long as {@link KnownDeviceLifetime#DEFAULT}. */
    public static final WebSettings DEFAULT = new WebSettings(ClientAddressing.DIRECT, true, KnownDeviceLifetime.DEFAULT);

    public WebSettings {
        Objects.requireNonNull(addressing, "addressing");
        KnownDeviceLifetime.require(knownDeviceLifetime);
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(rateLimits, "rateLimits");
    }

    /** With {@link RateLimits#DEFAULT} and open registration. */
    public WebSettings(ClientAddressing addressing, boolean secureCookies, Duration knownDeviceLifetime,
                       DiscoverySettings discovery, boolean clientAuthentication) {
        this(addressing, secureCookies, knownDeviceLifetime, discovery, clientAuthentication, RateLimits.DEFAULT, true);
    }

    /** Without client authentication. */
    public WebSettings(ClientAddressing addressing, boolean secureCookies, Duration knownDeviceLifetime,
                       DiscoverySettings discovery) {
        this(addressing, secureCookies, knownDeviceLifetime, discovery, false);
    }

    /** The same settings, with client authentication on or off. */
    public WebSettings withClientAuthentication(boolean on) {
        return new WebSettings(addressing, secureCookies, knownDeviceLifetime, discovery, on, rateLimits, registrationOpen);
    }

    /** The same settings with other request budgets ({@link RateLimits#UNLIMITED} for tests that hammer on purpose). */
    public WebSettings withRateLimits(RateLimits limits) {
        return new WebSettings(addressing, secureCookies, knownDeviceLifetime, discovery, clientAuthentication, limits,
                registrationOpen);
    }

    /** The same settings with registration open or closed. */
    public WebSettings withRegistration(boolean open) {
        return new WebSettings(addressing, secureCookies, knownDeviceLifetime, discovery, clientAuthentication, rateLimits, open);
    }

    /** With {@link DiscoverySettings#DEFAULT}. */
    public WebSettings(ClientAddressing addressing, boolean secureCookies, Duration knownDeviceLifetime) {
        this(addressing, secureCookies, knownDeviceLifetime, DiscoverySettings.DEFAULT);
    }
}
