package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.domain.Username;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Random device credentials remembered in memory, held honest by {@link KnownDevicesContract}. */
public final class InMemoryKnownDevices implements KnownDevices {

    private record Enrolment(String canonicalUsername, String deviceId) {
    }

    private final Map<String, Enrolment> byCredential = new ConcurrentHashMap<>();

    @Override
    public String enrol(Username username) {
        String deviceId = UUID.randomUUID().toString();
        String credential = "device-" + UUID.randomUUID();
        byCredential.put(credential, new Enrolment(username.canonical(), deviceId));
        return credential;
    }

    @Override
    public Optional<String> recognise(String credential, Username username) {
        return Optional.ofNullable(byCredential.get(credential))
                .filter(enrolment -> enrolment.canonicalUsername().equals(username.canonical()))
                .map(Enrolment::deviceId);
    }
}
