package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.EndBrowserSessionCommand;
import dev.gatehouse.application.port.in.EndBrowserSessionResult;
import dev.gatehouse.application.port.in.EndBrowserSessionUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.port.out.IdTokenClaims;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.Seals;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.BrowserSessionId;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.StandardClaims;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). The request is judged first: an {@code id_token_hint}
 * must be an ID token this server signed (expired ones too), a {@code client_id} a registered client and the hint's
 * audience, a {@code post_logout_redirect_uri} exactly one registered for that client; anything else is refused, and
 * the browser is sent nowhere. Then the browser session ends at once when the hint proves the client holds this very
 * session (its {@code sid} and {@code sub}); otherwise the person confirms on Gatehouse's own page, whose form token is
 * bound to the browser and the session, so another site cannot log anyone out with a link or a form alone. Ending
 * records the session as ended (every copy of its cookie is refused everywhere), then revokes the refresh-token
 * sessions it started and their access tokens.
 */
public final class EndBrowserSessionService implements EndBrowserSessionUseCase {

    /** How long a person may take to confirm. */
    static final Duration FORM_LIFETIME = Duration.ofMinutes(10);

    private final BrowserSessions browserSessions;
    private final BrowserSessionRegistry registry;
    private final IdTokens idTokens;
    private final ClientRegistry clients;
    private final Seals seals;
    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final AccessTokens accessTokens;
    private final AuditLog audit;
    private final Clock clock;

    EndBrowserSessionService(BrowserSessions browserSessions, BrowserSessionRegistry registry, IdTokens idTokens,
                             ClientRegistry clients, Seals seals, RefreshTokens refreshTokens,
                             RevokedAccessTokens revokedAccessTokens, AccessTokens accessTokens, AuditLog audit, Clock clock) {
        this.browserSessions = browserSessions;
        this.registry = registry;
        this.idTokens = idTokens;
        this.clients = clients;
        this.seals = seals;
        this.refreshTokens = refreshTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public EndBrowserSessionResult endSession(EndBrowserSessionCommand command) {
        Optional<IdTokenClaims> hint = command.idTokenHint().filter(value -> !value.isEmpty()).flatMap(idTokens::read);
        if (command.idTokenHint().filter(value -> !value.isEmpty()).isPresent() && hint.isEmpty()) {
            return refused(EndBrowserSessionResult.Reason.INVALID_ID_TOKEN_HINT, command);
        }
        Optional<String> clientId = command.clientId().filter(value -> !value.isEmpty());
        Optional<Client> client;
        if (clientId.isPresent()) {
            client = ClientId.parse(clientId.get()).flatMap(clients::find);
            if (client.isEmpty() || hint.filter(claims -> !claims.audience().equals(client.get().id())).isPresent()) {
                return refused(EndBrowserSessionResult.Reason.UNKNOWN_CLIENT, command);
            }
        } else {
            client = hint.flatMap(claims -> clients.find(claims.audience()));
        }
        Optional<String> returnTo = Optional.empty();
        Optional<String> postLogout = command.postLogoutRedirectUri().filter(value -> !value.isEmpty());
        if (postLogout.isPresent()) {
            Optional<RedirectUri> uri = RedirectUri.parse(postLogout.get());
            if (uri.isEmpty() || client.isEmpty() || !client.get().returnsAfterLogoutTo(uri.get())) {
                return refused(EndBrowserSessionResult.Reason.UNREGISTERED_POST_LOGOUT_REDIRECT_URI, command);
            }
            returnTo = Optional.of(withState(uri.get().value(), command.state()));
        }
        Optional<BrowserSessions.SignedIn> current = browserSessions.recognise(command.browserSession());
        if (current.isEmpty()) {
            // Nobody is signed in here (any more): the session the client knows of ends too, when it names one.
            hint.flatMap(IdTokenClaims::sid).ifPresent(sid -> end(sid, hint.get().claims().subject(), command.client()));
            return new EndBrowserSessionResult.LoggedOut(returnTo);
        }
        BrowserSessions.SignedIn session = current.get();
        boolean hintProvesSession = hint.filter(claims -> claims.sid().equals(Optional.of(session.id()))
                && claims.claims().subject().equals(StandardClaims.subjectOf(session.user()))).isPresent();
        if (hintProvesSession) {
            end(session.id(), session.user().username().value(), command.client());
            return new EndBrowserSessionResult.LoggedOut(returnTo);
        }
        if (command.formToken().isPresent()) {
            if (!accepts(command.formToken().get(), command.browserBinding(), session.id())) {
                return refused(EndBrowserSessionResult.Reason.FORM_REJECTED, command);
            }
            end(session.id(), session.user().username().value(), command.client());
            return new EndBrowserSessionResult.LoggedOut(returnTo);
        }
        Instant now = clock.instant();
        String formToken = seals.seal(Seals.Purpose.LOGOUT_FORM, contentOf(command.browserBinding(), session.id()),
                now.plus(FORM_LIFETIME));
        return new EndBrowserSessionResult.ConfirmationRequired(session.user().username().value(),
                client.map(found -> found.id().value()), postLogout, command.state().filter(value -> !value.isEmpty()),
                formToken);
    }

    /** Ends the browser session everywhere, then the refresh-token sessions (and their access tokens) it started. */
    private void end(BrowserSessionId session, String subject, ClientAddress from) {
        Instant now = clock.instant();
        boolean ended = registry.end(session, now);
        // Revoked even when another logout ended it first: that one may still be on its way through them.
        for (SessionId started : registry.sessionsOf(session)) {
            revokedAccessTokens.revokeSession(started, accessTokens.acceptedAtMostUntil(now));
            refreshTokens.revoke(started, now);
        }
        if (ended) {
            audit.record(new AuditEvent(AuditEvent.Type.BROWSER_SESSION_ENDED, subject, from, now));
        }
    }

    private boolean accepts(String formToken, String browserBinding, BrowserSessionId session) {
        Optional<String> content = seals.open(Seals.Purpose.LOGOUT_FORM, formToken, clock.instant());
        return content.isPresent() && !browserBinding.isEmpty() && MessageDigest.isEqual(
                content.get().getBytes(StandardCharsets.UTF_8),
                contentOf(browserBinding, session).getBytes(StandardCharsets.UTF_8));
    }

    private static String contentOf(String browserBinding, BrowserSessionId session) {
        return sha256(browserBinding) + "|" + session.value();
    }

    private EndBrowserSessionResult refused(EndBrowserSessionResult.Reason reason, EndBrowserSessionCommand command) {
        audit.record(new AuditEvent(AuditEvent.Type.LOGOUT_REFUSED, command.clientId().filter(id -> !id.isEmpty())
                .map(id -> id.substring(0, Math.min(id.length(), AuditEvent.MAX_SUBJECT_LENGTH))).orElse("unknown"), command.client(),
                clock.instant()));
        return new EndBrowserSessionResult.Refused(reason);
    }

    private static String withState(String uri, Optional<String> state) {
        return state.filter(value -> !value.isEmpty())
                .map(value -> uri + (uri.contains("?") ? "&" : "?") + "state=" + percentEncoded(value))
                .orElse(uri);
    }

    /** RFC 3986 percent-encoding of a query value: unreserved characters as they are, every other UTF-8 byte escaped. */
    private static String percentEncoded(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
