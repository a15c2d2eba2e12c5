package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the client administration use cases share: the one admin gate, the ids a client registered as data may
 * have, and the audit record of a change.
 */
final class ClientAdministration {

    /**
     * Stricter than a client id in general, as for the clients in the settings: the id also travels in a URL path
     * ({@code /admin/clients/{id}}) and a command's argument, where it must need no escaping.
     */
    static final Pattern REGISTRABLE_ID = Pattern.compile("[A-Za-z0-9._~-]{1," + ClientId.MAX_LENGTH + "}");

    private final AdminGate gate;
    private final AuditLog audit;
    private final Clock clock;

    ClientAdministration(AdminGate gate, AuditLog audit, Clock clock) {
        this.gate = gate;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code work} with the actor's name once admitted; the gate's refusal otherwise. */
    <R> R asAdmin(Actor actor, Function<String, R> work, Function<AdminResult.Refusal, R> refused) {
        return switch (gate.asAdmin(actor, name -> new AdminResult.Done<>(new Holder<>(work.apply(name))))) {
            case AdminResult.Done<Holder<R>> done -> done.value().value();
            case AdminResult.Refused<Holder<R>> turned -> refused.apply(turned.refusal());
        };
    }

    /** The id as given, if a client registered as data could have it. */
    static Optional<ClientId> registrable(String text) {
        return text != null && REGISTRABLE_ID.matcher(text).matches() ? Optional.of(new ClientId(text)) : Optional.empty();
    }

    void record(AuditEvent.Type type, ClientId client, ClientAddress from, String actorName) {
        audit.record(new AuditEvent(type, client.value(), from, clock.instant(), actorName));
    }

    Clock clock() {
        return clock;
    }

    /** Carries a result that may be any value through {@link AdminResult.Done}, which refuses null. */
    private record Holder<R>(R value) {
    }
}
