package dev.gatehouse.adapter.in.web;

import dev.gatehouse.domain.Cidr;
import dev.gatehouse.domain.ClientAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The {@link RateLimits} of one server, checked by the handlers of {@code /token}, {@code /revoke}, {@code POST /users}
 * and {@code /users/me/password}, and with a budget of its own by {@code /introspect}, before they call a use case. In memory and per instance: a flood costs a map lookup;
 * the database-backed throttles behind it still count what gets through, across instances.
 */
final class RequestLimiter {

    private final TokenBuckets perClient;
    private final TokenBuckets perNetwork;
    private final TokenBuckets registrations;
    private final TokenBuckets introspections;

    RequestLimiter(RateLimits limits, LongSupplier nanoTime) {
        this.perClient = new TokenBuckets(limits.perClient(), limits.maxKeys(), nanoTime);
        this.perNetwork = new TokenBuckets(limits.perNetwork(), limits.maxKeys(), nanoTime);
        this.registrations = new TokenBuckets(limits.registrations(), limits.maxKeys(), nanoTime);
        this.introspections = new TokenBuckets(limits.introspections(), limits.maxKeys(), nanoTime);
    }

    /** Empty when {@code client} may go on; else how long it should wait. */
    Optional<Duration> admit(ClientAddress client) {
        return perClient.take(client.network()).or(() -> perNetwork.take(network(client)));
    }

    /** {@link #admit} and the registration budget. */
    Optional<Duration> admitRegistration(ClientAddress client) {
        return admit(client).or(() -> registrations.take(client.network()));
    }

    /** The introspection budget alone: a resource server's questions do not spend its address's logins, nor the reverse. */
    Optional<Duration> admitIntrospection(ClientAddress client) {
        return introspections.take(client.network());
    }

    /** The second tier: the /48 around an IPv6 address, the /24 around an IPv4 one; anything else on its own. */
    private static String network(ClientAddress client) {
        Optional<Cidr> v6 = Cidr.around(client.value(), RateLimits.IPV6_NETWORK_PREFIX).filter(Cidr::ipv6);
        return v6.or(() -> Cidr.around(client.value(), RateLimits.IPV4_NETWORK_PREFIX))
                .map(Cidr::toString)
                .orElse(client.value());
    }
}
