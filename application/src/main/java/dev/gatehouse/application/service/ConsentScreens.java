package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.ConsentForm;
import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.application.port.out.Seals;
import dev.gatehouse.domain.Consent;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The consent page of third-party clients: whether a signed-in person must be asked before a code goes to the client
 * (a first-party client never asks; a third party asks until the person allowed every scope it asks for, and always on
 * {@code prompt=consent}), and the page's anti-forgery token: a seal of the browser's binding value, the person (at
 * their security version) and a digest of the pending request, valid for {@link #LIFETIME}. Another site cannot make
 * a browser allow a client, and an altered form (another client, more scopes) is refused, not widened.
 */
final class ConsentScreens {

    /** How long a person may take to answer. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final Consents consents;
    private final Seals seals;
    private final Clock clock;

    ConsentScreens(Consents consents, Seals seals, Clock clock) {
        this.consents = consents;
        this.seals = seals;
        this.clock = clock;
    }

    /** What the person is asked to allow: the requested scopes the client may hold (no code carries any other). */
    static Set<Scope> asked(AuthorizationRequests.Valid request) {
        return request.client().allowedOf(request.scopes());
    }

    /** Whether {@code user} must be asked before a code for {@code request} is issued. */
    boolean mustAsk(AuthorizationRequests.Valid request, User user) {
        if (request.client().firstParty()) {
            return false;
        }
        return request.askConsent() || !consents.find(user.id(), request.client().id())
                .map(consent -> consent.covers(asked(request))).orElse(false);
    }

    /** The page for {@code request}, asking {@code user}, served to the browser with this binding. */
    ConsentForm formFor(AuthorizationRequest request, AuthorizationRequests.Valid valid, User user, String browserBinding) {
        AuthorizationRequest pending = request.withoutPrompt();
        Set<Scope> before = consents.find(user.id(), valid.client().id()).map(Consent::scopes).orElse(Set.of());
        List<Scope> asked = List.copyOf(asked(valid));
        Instant now = clock.instant();
        return new ConsentForm(pending, valid.client().id().value(), user.username().value(),
                asked.stream().filter(scope -> !before.contains(scope)).toList(),
                asked.stream().filter(before::contains).toList(),
                seals.seal(Seals.Purpose.CONSENT_FORM, contentOf(pending, user, browserBinding), now.plus(LIFETIME)));
    }

    /** Whether {@code formToken} was issued to this browser, for this person and exactly this request, and has not expired. */
    boolean accepts(String formToken, AuthorizationRequest request, User user, String browserBinding) {
        Optional<String> content = seals.open(Seals.Purpose.CONSENT_FORM, formToken, clock.instant());
        return content.isPresent() && !browserBinding.isEmpty() && MessageDigest.isEqual(
                content.get().getBytes(StandardCharsets.UTF_8),
                contentOf(request.withoutPrompt(), user, browserBinding).getBytes(StandardCharsets.UTF_8));
    }

    /** Remembers that {@code user} allows what {@code request} asks, besides what they allowed before. */
    Consent remember(AuthorizationRequests.Valid request, User user) {
        return consents.grant(user.id(), request.client().id(), asked(request), clock.instant());
    }

    private static String contentOf(AuthorizationRequest request, User user, String browserBinding) {
        return user.id().value() + "|" + user.securityVersion() + "|" + SignInForms.contentOf(request, browserBinding);
    }
}
