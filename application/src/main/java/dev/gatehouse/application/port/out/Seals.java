package dev.gatehouse.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Seals short texts that a browser carries and gives back (the sign-in form's anti-forgery token, the browser
 * session cookie), so that whatever comes back is known to be ours, unchanged, for the purpose it was sealed for
 * and not expired. Nothing is stored: every instance that shares the secret opens every other's seals. Every adapter
 * passes {@code SealsContract}.
 */
public interface Seals {

    /** What a seal is for: one purpose's seal never opens as another's. */
    enum Purpose { SIGN_IN_FORM, BROWSER_SESSION, CONSENT_FORM, LOGOUT_FORM }

    /** A URL- and cookie-safe token carrying {@code content} for {@code purpose} until {@code expiresAt}. */
    String seal(Purpose purpose, String content, Instant expiresAt);

    /**
     * The content of {@code sealed} when it is one of ours, for {@code purpose} and not expired at {@code now};
     * empty for anything else, whatever was sent (never an exception).
     */
    Optional<String> open(Purpose purpose, String sealed, Instant now);

    /** For assemblies without browser sign-in: seals that never open again. Fails closed, never open. */
    static Seals none() {
        return new Seals() {
            @Override
            public String seal(Purpose purpose, String content, Instant expiresAt) {
                return java.util.UUID.randomUUID().toString();
            }

            @Override
            public Optional<String> open(Purpose purpose, String sealed, Instant now) {
                return Optional.empty();
            }
        };
    }
}
