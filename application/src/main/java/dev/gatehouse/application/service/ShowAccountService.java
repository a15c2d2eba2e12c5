package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ActiveSession;
import dev.gatehouse.application.port.in.ShowAccountQuery;
import dev.gatehouse.application.port.in.ShowAccountResult;
import dev.gatehouse.application.port.in.ShowAccountUseCase;
import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.SessionActivity;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Shows the bearer's own account: the stored user, whether a second factor is active, and the live sessions: those the
 * store has not revoked, minus those the refresh policy has ended (past their absolute lifetime or idle too long) and
 * those of an older security version, which no refresh would accept any more. The bearer's own session is marked.
 */
public final class ShowAccountService implements ShowAccountUseCase {

    private final BearerAuthentication authentication;
    private final RefreshTokens refreshTokens;
    private final TwoFactorCredentials twoFactor;
    private final RefreshPolicy policy;
    private final Clock clock;
    private final Consents consents;

    ShowAccountService(BearerAuthentication authentication, RefreshTokens refreshTokens, TwoFactorCredentials twoFactor,
                       RefreshPolicy policy, Clock clock) {
        this(authentication, refreshTokens, twoFactor, policy, clock, Consents.none());
    }

    /** With the consents the person gave third-party applications ({@code consents}), shown so they can take them back. */
    ShowAccountService(BearerAuthentication authentication, RefreshTokens refreshTokens, TwoFactorCredentials twoFactor,
                       RefreshPolicy policy, Clock clock, Consents consents) {
        this.consents = consents;
        this.authentication = authentication;
        this.refreshTokens = refreshTokens;
        this.twoFactor = twoFactor;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public ShowAccountResult showAccount(ShowAccountQuery query) {
        return switch (authentication.authenticate(query.accessToken())) {
            case BearerAuthentication.Refused refused -> new ShowAccountResult.InvalidToken();
            case BearerAuthentication.Inactive inactive -> new ShowAccountResult.InactiveUser();
            case BearerAuthentication.Accepted(var bearer) -> {
                User user = bearer.user();
                Optional<SessionId> current = bearer.claims().session();
                Instant now = clock.instant();
                yield new ShowAccountResult.Shown(user,
                        twoFactor.find(user.id()).filter(TwoFactorEnrolment::active).isPresent(),
                        refreshTokens.activeOf(user.id()).stream()
                                .filter(activity -> live(activity, user, now))
                                .map(activity -> new ActiveSession(activity.session().id().toString(),
                                        activity.session().client().map(ClientId::value), activity.session().startedAt(),
                                        activity.lastUsedAt(), current.filter(activity.session().id()::equals).isPresent()))
                                .toList(),
                        consents.of(user.id()));
            }
        };
    }

    private boolean live(SessionActivity activity, User user, Instant now) {
        return activity.session().securityVersion() >= user.securityVersion()
                && now.isBefore(policy.endOfSessionStartedAt(activity.session().startedAt()))
                && now.isBefore(activity.lastUsedAt().plus(policy.idleTimeout()));
    }
}
