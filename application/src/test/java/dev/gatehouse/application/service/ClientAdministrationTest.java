package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ClientAction;
import dev.gatehouse.application.port.in.RegisterClientCommand;
import dev.gatehouse.application.port.in.RegisterClientResult;
import dev.gatehouse.application.port.in.RemoveClientResult;
import dev.gatehouse.application.port.in.RotateClientSecretResult;
import dev.gatehouse.application.port.in.ShowClientResult;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryClientRepository;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.RegisteredClient;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client administration use cases on the in-memory adapters: what each checks, stores, ends and records. */
class ClientAdministrationTest {

    private static final ClientAddress OFFICE = new ClientAddress("192.0.2.20");
    private static final Actor CONSOLE = Actor.console();

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryClientRegistry configured = new InMemoryClientRegistry(
            Client.publicClient(new ClientId("web-app"), true));
    private final InMemoryClientRepository repository = new InMemoryClientRepository();
    private final InMemoryRefreshTokens sessions = new InMemoryRefreshTokens();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final AdminGate gate = new AdminGate(new InMemoryAccessTokens(clock, Duration.ofMinutes(15)),
            new InMemoryRevokedAccessTokens(), users, audit, clock);
    private final ClientAdministration administration = new ClientAdministration(gate, audit, clock);
    private final KnownClients known = new KnownClients(configured, repository, clock);
    private final RegisterClientService register = new RegisterClientService(administration, known, repository);
    private final ListClientsService list = new ListClientsService(administration, repository);
    private final ShowClientService show = new ShowClientService(administration, repository);
    private final RemoveClientService remove = new RemoveClientService(administration, known, repository, sessions);
    private final RotateClientSecretService rotate = new RotateClientSecretService(administration, known, repository);

    private static RegisterClientCommand confidential(String id) {
        return new RegisterClientCommand(CONSOLE, id, "confidential", false, List.of("https://reports.example.com/callback"),
                Optional.of(List.of("client_credentials", "authorization_code")), Optional.of(List.of("reports:read")),
                List.of("https://api.example.com"), Optional.empty(), Optional.empty(), OFFICE);
    }

    private static RegisterClientCommand publicClient(String id) {
        return new RegisterClientCommand(CONSOLE, id, "public", true, List.of("http://127.0.0.1/callback"), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), OFFICE);
    }

    @Test
    void a_confidential_client_gets_a_generated_secret_shown_once_and_stored_only_as_its_hash() {
        RegisterClientResult.Registered registered = assertInstanceOf(RegisterClientResult.Registered.class,
                register.register(confidential("reports")));

        String secret = registered.secret().orElseThrow();
        assertEquals(32, Base64.getUrlDecoder().decode(secret).length, "256 random bits");
        RegisteredClient stored = repository.find(new ClientId("reports")).orElseThrow();
        assertEquals(Optional.of(ClientSecretHash.of(secret)), stored.client().secretHash());
        assertFalse(stored.toString().contains(secret), "the secret itself is kept nowhere");
        assertFalse(registered.toString().contains(secret), "nor printed");
        Client usable = known.find(new ClientId("reports")).orElseThrow();
        assertTrue(usable.authenticates(Optional.of(secret)));
        assertFalse(usable.authenticates(Optional.of(secret + "x")));
        assertTrue(usable.mayUse(GrantType.CLIENT_CREDENTIALS));
        assertFalse(usable.firstParty());
        assertEquals(clock.instant(), stored.registeredAt());
        assertTrue(known.anyRegistered());
        assertEquals(List.of(new AuditEvent(AuditEvent.Type.CLIENT_REGISTERED, "reports", OFFICE, clock.instant(), AuditEvent.CONSOLE)),
                audit.events());

        RegisterClientResult.Registered other = assertInstanceOf(RegisterClientResult.Registered.class,
                register.register(confidential("reports-2")));
        assertNotEquals(secret, other.secret().orElseThrow());
    }

    @Test
    void a_public_client_and_a_client_with_keys_get_no_secret() {
        RegisterClientResult.Registered spa = assertInstanceOf(RegisterClientResult.Registered.class,
                register.register(publicClient("spa")));
        RegisterClientResult.Registered signer = assertInstanceOf(RegisterClientResult.Registered.class,
                register.register(new RegisterClientCommand(CONSOLE, "signer", "confidential", false, List.of(),
                        Optional.of(List.of("client_credentials")), Optional.empty(), List.of(),
                        Optional.of("{\"keys\":[]}"), Optional.empty(), OFFICE)));

        assertEquals(Optional.empty(), spa.secret());
        assertEquals(Client.defaultGrantTypes(true), spa.client().client().grantTypes(), "the defaults when none are named");
        assertEquals(Optional.empty(), signer.secret());
        assertTrue(signer.client().client().hasKeys());
    }

    @Test
    void post_logout_redirect_uris_are_registered_exactly_none_by_default_and_checked_like_redirect_uris() {
        RegisterClientResult.Registered none = assertInstanceOf(RegisterClientResult.Registered.class,
                register.register(publicClient("spa")));
        assertEquals(List.of(), none.client().client().postLogoutRedirectUris());
        RegisterClientResult.Registered with = assertInstanceOf(RegisterClientResult.Registered.class,
                register.register(new RegisterClientCommand(CONSOLE, "rp", "public", true, List.of(), Optional.empty(),
                        Optional.empty(), List.of(), Optional.empty(), Optional.empty(), OFFICE,
                        List.of("https://rp.example.com/goodbye"))));
        Client stored = known.find(new ClientId("rp")).orElseThrow();
        assertEquals(stored, with.client().client());
        assertTrue(stored.returnsAfterLogoutTo(new dev.gatehouse.domain.RedirectUri("https://rp.example.com/goodbye")));
        assertFalse(stored.returnsAfterLogoutTo(new dev.gatehouse.domain.RedirectUri("https://rp.example.com/goodbye/")));
        for (String bad : List.of("https://rp.example.com/bye#x", "https://*.example.com/bye", "not a uri")) {
            assertInvalid("post_logout_redirect_uris", new RegisterClientCommand(CONSOLE, "bad", "public", true, List.of(),
                    Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), OFFICE, List.of(bad)));
        }
    }

    @Test
    void bad_input_is_named_and_nothing_is_stored_or_recorded() {
        assertInvalid("client_id", confidential("has space"));
        assertInvalid("client_id", confidential("a/b"));
        assertInvalid("client_id", confidential("x".repeat(65)));
        assertInvalid("type", new RegisterClientCommand(CONSOLE, "c", "secret", false, List.of(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), OFFICE));
        assertInvalid("grant_types", withGrants("implicit"));
        assertInvalid("grant_types", withGrants());
        assertInvalid("grant_types", withGrants("password"), "a third-party client may not use the password grant");
        assertInvalid("grant_types", new RegisterClientCommand(CONSOLE, "c", "public", true, List.of(),
                Optional.of(List.of("client_credentials")), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), OFFICE));
        assertInvalid("redirect_uris", withRedirect("https://app.example.com/cb#fragment"));
        assertInvalid("redirect_uris", withRedirect("https://*.example.com/cb"));
        assertInvalid("redirect_uris", withRedirect("https://app.example.com/*"));
        assertInvalid("redirect_uris", withRedirect("http://app.example.com/cb"));
        assertInvalid("redirect_uris", withRedirect("/relative"));
        assertInvalid("scopes", new RegisterClientCommand(CONSOLE, "c", "public", false, List.of(), Optional.empty(),
                Optional.of(List.of("has space")), List.of(), Optional.empty(), Optional.empty(), OFFICE));
        assertInvalid("jwks", new RegisterClientCommand(CONSOLE, "c", "public", false, List.of(), Optional.empty(),
                Optional.empty(), List.of(), Optional.of("{\"keys\":[]}"), Optional.empty(), OFFICE));
        assertInvalid("jwks", new RegisterClientCommand(CONSOLE, "c", "confidential", false, List.of(), Optional.empty(),
                Optional.empty(), List.of(), Optional.of("[]"), Optional.empty(), OFFICE));

        assertEquals(List.of(), repository.all());
        assertEquals(List.of(), audit.events());
    }

    @Test
    void an_id_taken_in_the_settings_or_the_store_is_refused_and_the_first_kept() {
        assertEquals(new RegisterClientResult.IdTaken(new ClientId("web-app")), register.register(publicClient("web-app")));
        assertInstanceOf(RegisterClientResult.Registered.class, register.register(publicClient("spa")));
        assertEquals(new RegisterClientResult.IdTaken(new ClientId("spa")), register.register(confidential("spa")));

        assertEquals(Client.Type.PUBLIC, repository.find(new ClientId("spa")).orElseThrow().client().type());
        assertEquals(Optional.empty(), repository.find(new ClientId("web-app")));
        assertEquals(List.of(AuditEvent.Type.CLIENT_REGISTERED), audit.types());
    }

    @Test
    void removing_a_client_ends_the_sessions_started_through_it_and_only_those() {
        register.register(publicClient("spa"));
        User jane = User.register(new Username("jane"), new PasswordHash("$test$jane"), null, null, clock.instant());
        RefreshTokenHash janes = session(jane, "spa");
        RefreshTokenHash throughWebApp = session(jane, "web-app");
        audit.clear();

        RemoveClientResult removed = remove.remove(new ClientAction(CONSOLE, "spa", OFFICE));

        assertEquals(new RemoveClientResult.Removed(new ClientId("spa"), 1), removed);
        assertTrue(sessions.find(janes).orElseThrow().session().isRevoked());
        assertFalse(sessions.find(throughWebApp).orElseThrow().session().isRevoked());
        assertEquals(Optional.empty(), known.find(new ClientId("spa")));
        assertEquals(List.of(AuditEvent.Type.CLIENT_REMOVED), audit.types());
        assertEquals(new RemoveClientResult.NoSuchClient(), remove.remove(new ClientAction(CONSOLE, "spa", OFFICE)));
        assertEquals(new RemoveClientResult.Configured(new ClientId("web-app")),
                remove.remove(new ClientAction(CONSOLE, "web-app", OFFICE)));
        assertEquals(new RemoveClientResult.NoSuchClient(), remove.remove(new ClientAction(CONSOLE, "not an id", OFFICE)));
        assertEquals(List.of(AuditEvent.Type.CLIENT_REMOVED), audit.types());
    }

    @Test
    void a_rotated_secret_replaces_the_old_one_at_once() {
        String old = ((RegisterClientResult.Registered) register.register(confidential("reports"))).secret().orElseThrow();
        register.register(publicClient("spa"));
        audit.clear();

        RotateClientSecretResult.Rotated rotated = assertInstanceOf(RotateClientSecretResult.Rotated.class,
                rotate.rotate(new ClientAction(CONSOLE, "reports", OFFICE)));

        Client client = known.find(new ClientId("reports")).orElseThrow();
        assertTrue(client.authenticates(Optional.of(rotated.secret())));
        assertFalse(client.authenticates(Optional.of(old)));
        assertFalse(rotated.toString().contains(rotated.secret()));
        assertEquals(List.of(AuditEvent.Type.CLIENT_SECRET_ROTATED), audit.types());
        assertEquals(new RotateClientSecretResult.NoSecret(new ClientId("spa")), rotate.rotate(new ClientAction(CONSOLE, "spa", OFFICE)));
        assertEquals(new RotateClientSecretResult.Configured(new ClientId("web-app")),
                rotate.rotate(new ClientAction(CONSOLE, "web-app", OFFICE)));
        assertEquals(new RotateClientSecretResult.NoSuchClient(), rotate.rotate(new ClientAction(CONSOLE, "nobody", OFFICE)));
        assertEquals(List.of(AuditEvent.Type.CLIENT_SECRET_ROTATED), audit.types());
    }

    @Test
    void lists_and_shows_stored_clients_and_refuses_anyone_but_an_administrator() {
        register.register(publicClient("zeta"));
        register.register(confidential("alpha"));

        List<RegisteredClient> all = ((AdminResult.Done<List<RegisteredClient>>) list.list(CONSOLE)).value();
        assertEquals(List.of("alpha", "zeta"), all.stream().map(client -> client.id().value()).toList());
        assertInstanceOf(ShowClientResult.Found.class, show.show(new ClientAction(CONSOLE, "zeta", OFFICE)));
        assertEquals(new ShowClientResult.NoSuchClient(), show.show(new ClientAction(CONSOLE, "web-app", OFFICE)));

        Actor forged = Actor.bearer("forged");
        assertEquals(new AdminResult.Refused<>(AdminResult.Refusal.INVALID_TOKEN), list.list(forged));
        assertEquals(new ShowClientResult.Refused(AdminResult.Refusal.INVALID_TOKEN), show.show(new ClientAction(forged, "zeta", OFFICE)));
        assertEquals(new RegisterClientResult.Refused(AdminResult.Refusal.INVALID_TOKEN), register.register(
                new RegisterClientCommand(forged, "x", "public", false, List.of(), Optional.empty(), Optional.empty(), List.of(),
                        Optional.empty(), Optional.empty(), OFFICE)));
        assertEquals(new RemoveClientResult.Refused(AdminResult.Refusal.INVALID_TOKEN), remove.remove(new ClientAction(forged, "zeta", OFFICE)));
        assertEquals(new RotateClientSecretResult.Refused(AdminResult.Refusal.INVALID_TOKEN),
                rotate.rotate(new ClientAction(forged, "alpha", OFFICE)));
        assertEquals(2, repository.all().size());
    }

    private RefreshTokenHash session(User user, String client) {
        RefreshSession session = RefreshSession.start(user, Set.of(), Optional.of(new ClientId(client)), clock.instant());
        RefreshTokenHash hash = new RefreshTokenHash(SecretTokens.sha256Hex(SecretTokens.newToken()));
        sessions.start(session, hash, clock.instant());
        return hash;
    }

    private static RegisterClientCommand withGrants(String... grants) {
        return new RegisterClientCommand(CONSOLE, "c", "confidential", false, List.of(), Optional.of(List.of(grants)),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), OFFICE);
    }

    private static RegisterClientCommand withRedirect(String uri) {
        return new RegisterClientCommand(CONSOLE, "c", "public", false, List.of(uri), Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), OFFICE);
    }

    private void assertInvalid(String field, RegisterClientCommand command) {
        assertInvalid(field, command, command.toString());
    }

    private void assertInvalid(String field, RegisterClientCommand command, String why) {
        RegisterClientResult.Invalid invalid = assertInstanceOf(RegisterClientResult.Invalid.class, register.register(command), why);
        assertEquals(field, invalid.field(), invalid.message());
    }

    @Test
    void whether_any_client_is_stored_is_asked_of_the_store_at_most_once_a_second_and_anew_after_a_change_here() {
        KnownClients withoutSettings = new KnownClients(new InMemoryClientRegistry(), repository, clock);
        RegisterClientService registerHere = new RegisterClientService(administration, withoutSettings, repository);
        RemoveClientService removeHere = new RemoveClientService(administration, withoutSettings, repository, sessions);
        assertFalse(withoutSettings.anyRegistered());

        // Another instance registers a client: the store is not asked again within the second...
        repository.add(new RegisteredClient(Client.publicClient(new ClientId("elsewhere"), true), clock.instant()));
        assertFalse(withoutSettings.anyRegistered(), "remembered: token requests do not each ask the database");
        clock.advance(KnownClients.PRESENCE_FRESHNESS);
        assertTrue(withoutSettings.anyRegistered(), "...and is after it");
        // ...while the client itself is looked up anew each time.
        assertTrue(withoutSettings.find(new ClientId("elsewhere")).isPresent());

        // A change made here counts here at once.
        assertInstanceOf(RemoveClientResult.Removed.class, removeHere.remove(new ClientAction(CONSOLE, "elsewhere", OFFICE)));
        assertFalse(withoutSettings.anyRegistered());
        assertInstanceOf(RegisterClientResult.Registered.class, registerHere.register(publicClient("here")));
        assertTrue(withoutSettings.anyRegistered());
    }
}
