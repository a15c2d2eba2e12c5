package dev.gatehouse.adapter.beta;

/** A test fixture only: the adapter {@code AlphaAdapter} wrongly depends on. */
public final class BetaAdapter {
}
