package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientKeys;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.RegisteredClient;
import dev.gatehouse.domain.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClientRepository} adapter must do. {@link #newRepository()} is called once per test for an
 * empty store, and again within the test for another instance on the same store (a JPA adapter opens the same
 * database again), so the races run across instances.
 */
public abstract class ClientRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-12-04T21:00:00Z");
    private static final String SECRET = "a-secret-of-at-least-thirty-two-random-bytes";

    private ClientRepository repository;

    /** The repository of a fresh store on the first call of a test; another instance on that store on later calls. */
    protected abstract ClientRepository newRepository();

    @BeforeEach
    void create() {
        repository = newRepository();
    }

    private static RegisteredClient everything(String id) {
        Client client = new Client(new ClientId(id), Client.Type.CONFIDENTIAL, Optional.of(ClientSecretHash.of(SECRET)), false, true,
                Set.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN),
                Optional.of(Set.of(new Scope("orders:read"), new Scope("me"))),
                List.of(new Audience("https://api.example.com/" + "a".repeat(1900)), new Audience("orders")),
                List.of(new RedirectUri("https://app.example.com/callback?x=1"), new RedirectUri("http://127.0.0.1/cb")),
                Optional.of(new ClientKeys.Inline("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + "x".repeat(40000)
                        + "\",\"y\":\"y\"}]}")));
        return new RegisteredClient(client, T0);
    }

    private static RegisteredClient publicClient(String id) {
        return new RegisteredClient(Client.publicClient(new ClientId(id), true), T0.plusSeconds(1));
    }

    @Test
    void stores_a_client_with_everything_it_registered_and_finds_it() {
        RegisteredClient client = everything("orders-app");

        assertTrue(repository.add(client));

        assertEquals(Optional.of(client), repository.find(new ClientId("orders-app")));
        assertTrue(repository.find(new ClientId("orders-app")).orElseThrow().client().authenticates(Optional.of(SECRET)));
        assertEquals(Optional.empty(), repository.find(new ClientId("Orders-App")));
        assertEquals(Optional.of(client), newRepository().find(new ClientId("orders-app")), "another instance finds it at once");
    }

    @Test
    void stores_clients_without_limits_keys_or_uris_as_they_are() {
        RegisteredClient open = publicClient("spa");
        RegisteredClient remoteKeys = new RegisteredClient(Client.confidential(new ClientId("signer"),
                new ClientKeys.Remote("https://signer.example.com/jwks.json"), false), T0);

        assertTrue(repository.add(open));
        assertTrue(repository.add(remoteKeys));

        assertEquals(Optional.of(open), repository.find(new ClientId("spa")));
        assertEquals(Optional.empty(), repository.find(new ClientId("spa")).orElseThrow().client().scopes(),
                "no limit stays no limit, not an empty set");
        assertEquals(Optional.of(remoteKeys), repository.find(new ClientId("signer")));
    }

    @Test
    void an_empty_store_has_no_client_and_one_added_is_listed_by_id() {
        assertFalse(repository.anyStored());
        assertEquals(List.of(), repository.all());

        repository.add(publicClient("zeta"));
        repository.add(everything("alpha"));

        assertTrue(repository.anyStored());
        assertTrue(newRepository().anyStored());
        assertEquals(List.of("alpha", "zeta"), repository.all().stream().map(client -> client.id().value()).toList());
    }

    @Test
    void refuses_a_second_client_with_a_taken_id_and_keeps_the_first() {
        RegisteredClient first = everything("taken");

        assertTrue(repository.add(first));
        assertFalse(repository.add(publicClient("taken")));
        assertFalse(newRepository().add(publicClient("taken")));

        assertEquals(Optional.of(first), repository.find(new ClientId("taken")));
    }

    @Test
    void of_concurrent_registrations_of_one_id_on_two_instances_exactly_one_is_stored() throws Exception {
        ClientRepository other = newRepository();
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            String id = "raced-" + round;
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ClientRepository instance = i % 2 == 0 ? repository : other;
                RegisteredClient client = i % 2 == 0 ? everything(id) : publicClient(id);
                attempts.add(() -> {
                    start.await();
                    return instance.add(client);
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                attempts.forEach(attempt -> results.add(pool.submit(attempt)));
                start.countDown();
                int stored = 0;
                for (Future<Boolean> result : results) {
                    stored += result.get() ? 1 : 0;
                }
                assertEquals(1, stored, "round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
        assertEquals(rounds, repository.all().size());
    }

    @Test
    void removes_a_client_once_and_another_instance_no_longer_finds_it() {
        repository.add(everything("gone"));
        repository.add(publicClient("stays"));

        assertTrue(newRepository().remove(new ClientId("gone")));
        assertFalse(repository.remove(new ClientId("gone")));

        assertEquals(Optional.empty(), repository.find(new ClientId("gone")));
        assertTrue(repository.find(new ClientId("stays")).isPresent());
        assertTrue(repository.add(publicClient("gone")), "a removed id may be registered again");
    }

    @Test
    void replaces_the_secret_of_a_client_that_has_one_and_of_no_other() {
        repository.add(everything("confidential"));
        repository.add(publicClient("public"));
        repository.add(new RegisteredClient(Client.confidential(new ClientId("keys-only"),
                new ClientKeys.Remote("https://signer.example.com/jwks.json"), false), T0));
        String next = "the-next-secret-of-at-least-thirty-two-random-bytes";

        assertTrue(repository.replaceSecret(new ClientId("confidential"), ClientSecretHash.of(next)));
        assertFalse(repository.replaceSecret(new ClientId("public"), ClientSecretHash.of(next)));
        assertFalse(repository.replaceSecret(new ClientId("keys-only"), ClientSecretHash.of(next)));
        assertFalse(repository.replaceSecret(new ClientId("unknown"), ClientSecretHash.of(next)));

        Client rotated = newRepository().find(new ClientId("confidential")).orElseThrow().client();
        assertTrue(rotated.authenticates(Optional.of(next)));
        assertFalse(rotated.authenticates(Optional.of(SECRET)));
        assertEquals(everything("confidential").client().redirectUris(), rotated.redirectUris(), "nothing else changes");
        assertEquals(Optional.empty(), repository.find(new ClientId("public")).orElseThrow().client().secretHash());
        assertEquals(Optional.empty(), repository.find(new ClientId("keys-only")).orElseThrow().client().secretHash());
    }
}
