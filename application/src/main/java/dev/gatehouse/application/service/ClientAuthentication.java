package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.out.AssertionClaims;
import dev.gatehouse.application.port.out.AssertionReplays;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.ClientAssertions;
import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import java.time.Clock;
import java.util.Optional;

/**
 * Authenticates the client application of a token or revocation request (RFC 6749 section 2.3), shared by the
 * use cases behind those endpoints. With no client registered nothing is checked and credentials sent anyway
 * are ignored, as in FastAPI's tutorial. Otherwise the request must name a registered client and prove it: a
 * confidential client with its secret or an assertion signed by one of its registered keys ({@code private_key_jwt},
 * each assertion once), a public one with its id alone. Client ids are not secret, so an unknown
 * id may be answered faster than a wrong secret; secrets are compared in constant time.
 */
final class ClientAuthentication {

    /** The verdict on one request's client. */
    sealed interface Verdict {
    }

    /** No clients are registered: the request is served as the tutorial serves it, for no client. */
    record NotRequired() implements Verdict {
    }

    /** The request comes from this registered client. */
    record Authenticated(Client client) implements Verdict {
    }

    /** Clients are registered, and this request's is unknown, missing or did not prove itself. */
    record Refused() implements Verdict {
    }

    private final ClientRegistry clients;
    private final ClientAssertions assertions;
    private final AssertionReplays replays;
    private final AuditLog audit;
    private final Clock clock;

    /** Secrets only: no assertion is ever accepted. */
    ClientAuthentication(ClientRegistry clients, AuditLog audit, Clock clock) {
        this(clients, ClientAssertions.none(), AssertionReplays.none(), audit, clock);
    }

    ClientAuthentication(ClientRegistry clients, ClientAssertions assertions, AssertionReplays replays, AuditLog audit,
                         Clock clock) {
        this.clients = clients;
        this.assertions = assertions;
        this.replays = replays;
        this.audit = audit;
        this.clock = clock;
    }

    Verdict authenticate(Optional<ClientCredentials> credentials, ClientAddress from) {
        if (!clients.anyRegistered()) {
            return new NotRequired();
        }
        if (credentials.isPresent() && credentials.get().assertion().isPresent()) {
            return byAssertion(credentials.get(), credentials.get().assertion().get(), from);
        }
        Optional<Client> client = credentials
                .flatMap(sent -> ClientId.parse(sent.clientId()))
                .flatMap(clients::find)
                .filter(found -> found.authenticates(credentials.get().secret()));
        if (client.isEmpty()) {
            record(AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED, credentials, from);
            return new Refused();
        }
        return new Authenticated(client.get());
    }

    /**
     * {@code private_key_jwt}: the assertion names the client (and must agree with a {@code client_id} sent beside
     * it), is verified with that client's registered keys, and is then spent: a second presentation, here or on
     * another instance, is refused. The check that costs a signature verification comes before the write.
     */
    private Verdict byAssertion(ClientCredentials credentials, String assertion, ClientAddress from) {
        Optional<ClientId> claimed = assertions.claimedClient(assertion);
        Optional<ClientId> named = credentials.clientId().isEmpty() ? claimed : ClientId.parse(credentials.clientId());
        Optional<Client> client = claimed.filter(id -> named.equals(Optional.of(id)))
                .flatMap(clients::find)
                .filter(Client::hasKeys);
        Optional<AssertionClaims> verified = client.flatMap(found -> assertions.verify(assertion, found));
        if (verified.isEmpty() || !replays.firstUse(client.get().id(), verified.get().tokenId(), verified.get().expiresAt())) {
            String subject = named.map(ClientId::value).orElse(credentials.clientId());
            audit.record(new AuditEvent(AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED, subject, from, clock.instant()));
            return new Refused();
        }
        return new Authenticated(client.get());
    }

    /** Records that a client was refused something it asked for. */
    void record(AuditEvent.Type type, Optional<ClientCredentials> credentials, ClientAddress from) {
        audit.record(new AuditEvent(type, credentials.map(ClientCredentials::clientId).orElse(""), from, clock.instant()));
    }

    /** The client a verdict names, for the tokens and sessions issued to it. */
    static Optional<ClientId> clientOf(Verdict verdict) {
        return verdict instanceof Authenticated(Client client) ? Optional.of(client.id()) : Optional.empty();
    }
}
