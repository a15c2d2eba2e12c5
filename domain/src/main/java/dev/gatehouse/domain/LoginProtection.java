package dev.gatehouse.domain;

import java.util.Objects;

/** How hard Gatehouse pushes back on failed logins: backoff per account, a budget per client address. */
public record LoginProtection(AccountBackoff accounts, ClientBudget clients) {

    public static final LoginProtection DEFAULT = new LoginProtection(AccountBackoff.DEFAULT, ClientBudget.DEFAULT);

    public LoginProtection {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(clients, "clients");
    }
}
