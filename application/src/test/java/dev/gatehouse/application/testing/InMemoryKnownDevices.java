package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Random device credentials remembered in memory, held honest by {@link KnownDevicesContract}. */
public final class InMemoryKnownDevices implements KnownDevices {

    private record Enrolment(UserId userId, long securityVersion, String deviceId) {
    }

    private final Map<String, Enrolment> byCredential = new ConcurrentHashMap<>();

    @Override
    public String enrol(User user) {
        String deviceId = UUID.randomUUID().toString();
        String credential = "device-" + UUID.randomUUID();
        byCredential.put(credential, new Enrolment(user.id(), user.securityVersion(), deviceId));
        return credential;
    }

    @Override
    public Optional<String> recognise(String credential, User user) {
        return Optional.ofNullable(byCredential.get(credential))
                .filter(enrolment -> enrolment.userId().equals(user.id()) && enrolment.securityVersion() == user.securityVersion())
                .map(Enrolment::deviceId);
    }
}
