package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.IdTokenClaims;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.StandardClaims;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdTokens} adapter must do: what it issues reads back as issued, on this instance and on another
 * sharing its keys, and nothing else reads at all. Extend it and return the adapter from {@link #idTokens()}, and the
 * access token it must be issued beside from {@link #accessToken()}. Times are whole seconds, as JWTs carry them.
 */
public abstract class IdTokensContract {

    /** Whole seconds, a little before the adapter's clock's now. */
    protected static final Instant SIGNED_IN = Instant.parse("2026-12-04T20:00:00Z");

    protected abstract IdTokens idTokens();

    /** Another instance's adapter with the same keys; this one by default. */
    protected IdTokens anotherInstance() {
        return idTokens();
    }

    /** An access token as the same deployment would issue it now. */
    protected abstract AccessToken accessToken();

    private static IdTokenClaims claims(Optional<String> nonce) {
        return new IdTokenClaims(new StandardClaims("6f1c1e0e-8a7e-4c52-9a57-1c3e6b8f0a11", Optional.of("alice"),
                Optional.of("Alice Liddell"), Optional.of("alice@example.com"), Optional.of(false)),
                new ClientId("web-app"), SIGNED_IN, nonce);
    }

    @Test
    void what_it_issues_reads_back_as_issued_here_and_on_another_instance() {
        IdTokenClaims claims = claims(Optional.of("n-0S6_WzA2Mj"));
        String token = idTokens().issue(claims, accessToken()).orElseThrow();

        assertEquals(Optional.of(claims), idTokens().read(token));
        assertEquals(Optional.of(claims), anotherInstance().read(token));
    }

    @Test
    void the_browser_session_it_came_from_reads_back_as_sid() {
        IdTokenClaims base = claims(Optional.empty());
        IdTokenClaims claims = new IdTokenClaims(base.claims(), base.audience(), base.authTime(), base.nonce(),
                Optional.of(dev.gatehouse.domain.BrowserSessionId.newId()));
        String token = idTokens().issue(claims, accessToken()).orElseThrow();

        assertEquals(Optional.of(claims), anotherInstance().read(token));
    }

    @Test
    void claims_left_out_stay_out() {
        IdTokenClaims claims = new IdTokenClaims(new StandardClaims("6f1c1e0e-8a7e-4c52-9a57-1c3e6b8f0a11", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), new ClientId("web-app"), SIGNED_IN, Optional.empty());
        String token = idTokens().issue(claims, accessToken()).orElseThrow();

        assertEquals(Optional.of(claims), idTokens().read(token));
    }

    @Test
    void every_token_is_another() {
        IdTokenClaims claims = claims(Optional.empty());

        assertNotEquals(idTokens().issue(claims, accessToken()), idTokens().issue(claims, accessToken()));
    }

    @Test
    void anything_changed_or_made_up_does_not_read() {
        String token = idTokens().issue(claims(Optional.of("nonce")), accessToken()).orElseThrow();

        for (String forged : new String[] {"", "x", "a.b.c", token + "x", token.substring(0, token.length() - 1),
                token.replace('.', '-'), "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."}) {
            assertEquals(Optional.empty(), idTokens().read(forged), forged);
        }
        assertTrue(idTokens().read(token).isPresent());
    }

    /** An access token for the contract's adapters that need one; any will do for those that only hash it. */
    protected static AccessToken anyAccessToken(Instant now) {
        return new AccessToken("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl", now, now.plusSeconds(900),
                Set.of(new Scope("openid")));
    }
}
