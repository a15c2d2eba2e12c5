package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ListConsentsQuery;
import dev.gatehouse.application.port.in.ListConsentsUseCase;
import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.domain.Consent;
import java.util.List;

/** Lists a user's consents from the store, as every instance sees them. */
public final class ListConsentsService implements ListConsentsUseCase {

    private final Consents consents;

    ListConsentsService(Consents consents) {
        this.consents = consents;
    }

    @Override
    public List<Consent> list(ListConsentsQuery query) {
        return consents.of(query.user());
    }
}
