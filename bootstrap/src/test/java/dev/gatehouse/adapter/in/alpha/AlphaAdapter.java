package dev.gatehouse.adapter.in.alpha;

import dev.gatehouse.adapter.out.beta.BetaAdapter;
import dev.gatehouse.application.port.out.UserRepository;

/**
 * A test fixture only: a driving adapter that reaches into another adapter and drives a driven port itself,
 * both of which the architecture rules must refuse.
 */
public final class AlphaAdapter {

    public String borrow() {
        return new BetaAdapter().toString();
    }

    public String bypassTheUseCases(UserRepository users) {
        return users.toString();
    }
}
