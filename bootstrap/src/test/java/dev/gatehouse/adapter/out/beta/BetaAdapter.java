package dev.gatehouse.adapter.out.beta;

/** A test fixture only: the adapter {@code AlphaAdapter} wrongly depends on. */
public final class BetaAdapter {
}
