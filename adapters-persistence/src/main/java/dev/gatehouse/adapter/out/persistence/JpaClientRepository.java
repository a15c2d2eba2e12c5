package dev.gatehouse.adapter.out.persistence;

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
import jakarta.persistence.EntityManagerFactory;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link ClientRepository} in the table {@code clients}: one {@code INSERT} per registration, whose primary key decides
 * which of two concurrent registrations of an id is stored (on one instance or several); a secret is replaced by one
 * conditional {@code UPDATE}. Nothing is cached, so every instance sees a change at once.
 */
public final class JpaClientRepository implements ClientRepository {

    private static final String PRIMARY_KEY = "pk_clients";

    private final EntityManagerFactory entityManagerFactory;

    JpaClientRepository(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public boolean add(RegisteredClient client) {
        Objects.requireNonNull(client, "client");
        ClientJpaEntity entity = toEntity(client);
        try {
            JpaTransactions.inTransaction(entityManagerFactory, entityManager -> {
                entityManager.persist(entity);
                entityManager.flush();
                return null;
            });
            return true;
        } catch (RuntimeException failure) {
            if (ConstraintViolations.isUniqueViolationOf(failure, PRIMARY_KEY)) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public Optional<RegisteredClient> find(ClientId id) {
        Objects.requireNonNull(id, "id");
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager ->
                Optional.ofNullable(entityManager.find(ClientJpaEntity.class, id.value())).map(JpaClientRepository::toClient));
    }

    @Override
    public List<RegisteredClient> all() {
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createQuery("select c from ClientJpaEntity c order by c.clientId", ClientJpaEntity.class)
                .getResultStream().map(JpaClientRepository::toClient).toList());
    }

    @Override
    public boolean anyStored() {
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> !entityManager
                .createQuery("select c.clientId from ClientJpaEntity c", String.class)
                .setMaxResults(1).getResultList().isEmpty());
    }

    @Override
    public boolean remove(ClientId id) {
        Objects.requireNonNull(id, "id");
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createQuery("delete from ClientJpaEntity c where c.clientId = :id")
                .setParameter("id", id.value())
                .executeUpdate()) == 1;
    }

    @Override
    public boolean replaceSecret(ClientId id, ClientSecretHash next) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(next, "next");
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createQuery("update ClientJpaEntity c set c.secretHash = :next where c.clientId = :id and c.secretHash is not null")
                .setParameter("next", next.hex())
                .setParameter("id", id.value())
                .executeUpdate()) == 1;
    }

    private static ClientJpaEntity toEntity(RegisteredClient registered) {
        Client client = registered.client();
        Optional<ClientKeys> keys = client.keys();
        return new ClientJpaEntity(client.id().value(), client.type().name(),
                client.secretHash().map(ClientSecretHash::hex).orElse(null), client.firstParty(), client.mayIntrospect(),
                joined(client.grantTypes(), GrantType::value),
                client.scopes().map(scopes -> joined(scopes.stream().sorted(java.util.Comparator.comparing(Scope::value)).toList(),
                        Scope::value)).orElse(null),
                joined(client.audiences(), Audience::value), joined(client.redirectUris(), RedirectUri::value),
                keys.filter(ClientKeys.Inline.class::isInstance).map(inline -> ((ClientKeys.Inline) inline).jwks()).orElse(null),
                keys.filter(ClientKeys.Remote.class::isInstance).map(remote -> ((ClientKeys.Remote) remote).url()).orElse(null),
                // The precision both databases keep.
                registered.registeredAt().truncatedTo(ChronoUnit.MICROS))
                .withPostLogoutRedirectUris(joined(client.postLogoutRedirectUris(), RedirectUri::value));
    }

    private static RegisteredClient toClient(ClientJpaEntity entity) {
        Optional<ClientKeys> keys = Optional.ofNullable(entity.getJwks()).<ClientKeys>map(ClientKeys.Inline::new)
                .or(() -> Optional.ofNullable(entity.getJwksUri()).map(ClientKeys.Remote::new));
        Client client = new Client(new ClientId(entity.getClientId()), Client.Type.valueOf(entity.getClientType()),
                Optional.ofNullable(entity.getSecretHash()).map(ClientSecretHash::new), entity.isFirstParty(), entity.isIntrospects(),
                split(entity.getGrantTypes()).stream().map(name -> GrantType.parse(name).orElseThrow()).collect(Collectors.toSet()),
                Optional.ofNullable(entity.getScopes()).map(scopes -> split(scopes).stream().map(Scope::new).collect(Collectors.toSet())),
                split(entity.getAudiences()).stream().map(Audience::new).toList(),
                split(entity.getRedirectUris()).stream().map(RedirectUri::new).toList(), keys,
                split(entity.getPostLogoutRedirectUris()).stream().map(RedirectUri::new).toList());
        return new RegisteredClient(client, entity.getRegisteredAt());
    }

    private static <T> String joined(Collection<T> values, Function<T, String> text) {
        return values.stream().map(text).collect(Collectors.joining(" "));
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(" "));
    }
}
