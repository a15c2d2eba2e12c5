package dev.gatehouse.adapter.alpha;

import dev.gatehouse.adapter.beta.BetaAdapter;

/** A test fixture only: an adapter that reaches into another one, which the architecture rules must refuse. */
public final class AlphaAdapter {

    public String borrow() {
        return new BetaAdapter().toString();
    }
}
