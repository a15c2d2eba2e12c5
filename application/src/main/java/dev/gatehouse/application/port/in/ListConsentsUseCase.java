package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.Consent;
import java.util.List;

/** The third-party clients a user allowed to act for them, with the scopes allowed, by client id. */
public interface ListConsentsUseCase {

    List<Consent> list(ListConsentsQuery query);
}
