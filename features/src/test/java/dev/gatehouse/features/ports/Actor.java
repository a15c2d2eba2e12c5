package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.ClientCredentialsGrantCommand;
import dev.gatehouse.application.port.in.ClientCredentialsGrantResult;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogOutCommand;
import dev.gatehouse.application.port.in.LogOutResult;
import dev.gatehouse.application.port.in.MfaLogInCommand;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeCommand;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeResult;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.port.in.RevokeCommand;
import dev.gatehouse.application.port.in.RevokeResult;
import dev.gatehouse.application.port.in.StartTwoFactorResult;
import dev.gatehouse.application.port.in.TwoFactorCommand;
import dev.gatehouse.application.port.in.TwoFactorResult;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.Username;
import dev.gatehouse.features.ActorMemory;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One person (or application) driving the use cases directly: the tokens and known-device credential their last
 * login, renewal or password change earned, and the last result they got. A second device, the laptop, is an
 * actor of its own that belongs to this one. Everyone speaks from one address, as every HTTP scenario speaks from
 * 127.0.0.1.
 */
public final class Actor extends ActorMemory {

    static final ClientAddress ADDRESS = new ClientAddress("127.0.0.1");

    private final InMemoryGatehouse gatehouse;
    private Object answer;
    private AccessToken accessToken;
    private String knownDevice;
    private Actor laptop;

    Actor(String name, InMemoryGatehouse gatehouse) {
        super(name);
        this.gatehouse = gatehouse;
    }

    RegisterUserResult register(String username, String password, Optional<EmailAddress> email, Optional<FullName> fullName) {
        lastPassword = password;
        RegisterUserResult result = gatehouse.registerUser().register(
                new RegisterUserCommand(new Username(username), new PlainPassword(password), email, fullName, ADDRESS));
        if (result instanceof RegisterUserResult.Registered registered) {
            this.username = registered.user().username().value();
        }
        return records(result);
    }

    /** The password grant, asking for {@code scope} when it is not null, as {@code application} when present. */
    LogInResult logIn(String username, String password, String scope, Optional<ClientCredentials> application) {
        LogInResult result = gatehouse.logIn().logIn(new LogInCommand(username, new PlainPassword(password),
                scope == null ? Set.of() : Scope.parseList(scope), ADDRESS, Optional.ofNullable(knownDevice), application));
        if (result instanceof LogInResult.LoggedIn loggedIn) {
            keep(loggedIn.accessToken(), loggedIn.refreshToken(), false);
            knownDevice = loggedIn.knownDevice();
        }
        return records(result);
    }

    /** Renews their own session, as {@code application} when present. */
    RefreshResult renew(Optional<ClientCredentials> application) {
        RefreshResult result = renewWith(refreshToken(), application);
        if (result instanceof RefreshResult.Refreshed refreshed) {
            keep(refreshed.accessToken(), refreshed.refreshToken(), true);
        }
        return result;
    }

    /** Presents a refresh token that is not their own (or no longer is), as {@code application} when present. */
    RefreshResult renewWith(String someRefreshToken, Optional<ClientCredentials> application) {
        return records(gatehouse.refreshToken().refresh(new RefreshCommand(someRefreshToken, Optional.empty(), ADDRESS, application)));
    }

    /** An application exchanges a code for this actor's tokens, which they keep when it works. */
    RedeemAuthorizationCodeResult redeemsCode(String code, String redirectUri, String codeVerifier, ClientCredentials application) {
        RedeemAuthorizationCodeResult result = gatehouse.redeemAuthorizationCode().redeem(new RedeemAuthorizationCodeCommand(code,
                redirectUri, codeVerifier, ADDRESS, Optional.of(application)));
        if (result instanceof RedeemAuthorizationCodeResult.Redeemed redeemed) {
            keep(redeemed.accessToken(), redeemed.refreshToken(), false);
        }
        return records(result);
    }

    /** An application asks for a token about itself, for {@code scope} when it is not null. */
    ClientCredentialsGrantResult asksForItsOwnToken(ClientCredentials application, String scope) {
        return records(gatehouse.clientCredentialsGrant().issue(new ClientCredentialsGrantCommand(
                scope == null ? Optional.empty() : Optional.of(Scope.parseList(scope)), ADDRESS, Optional.of(application))));
    }

    /** Takes a copy of someone else's refresh token as their own, as a thief does. */
    void copies(String someRefreshToken) {
        refreshToken = someRefreshToken;
    }

    ChangePasswordResult changePassword(String current, String replacement) {
        ChangePasswordResult result = gatehouse.changePassword().changePassword(new ChangePasswordCommand(accessToken(),
                new PlainPassword(current), new PlainPassword(replacement), ADDRESS));
        if (result instanceof ChangePasswordResult.Changed changed) {
            keep(changed.accessToken(), changed.refreshToken(), true);
            knownDevice = changed.knownDevice();
        }
        return records(result);
    }

    CurrentUserResult asksWhoTheyAre() {
        return asksWhoTheyAre(accessToken());
    }

    CurrentUserResult asksWhoTheyAre(String bearerToken) {
        return records(gatehouse.currentUser().currentUser(new CurrentUserQuery(bearerToken)));
    }

    LogOutResult logOut(boolean everywhere) {
        return records(gatehouse.logOut().logOut(new LogOutCommand(accessToken(), everywhere, ADDRESS)));
    }

    RevokeResult revoke(String token) {
        return records(gatehouse.revokeToken().revoke(new RevokeCommand(token, Optional.empty(), ADDRESS)));
    }

    /** An administrative request made with their bearer token. */
    <T> AdminResult<T> administers(Function<dev.gatehouse.application.port.in.Actor, AdminResult<T>> request) {
        return records(request.apply(dev.gatehouse.application.port.in.Actor.bearer(accessToken())));
    }

    private void keep(AccessToken access, String refresh, boolean replacesSession) {
        if (replacesSession) {
            spentRefreshToken = refreshToken;
        }
        accessToken = access;
        refreshToken = refresh;
    }

    private <R> R records(R result) {
        answer = result;
        return result;
    }

    StartTwoFactorResult startsTwoFactor() {
        return records(gatehouse.startTwoFactor().start(TwoFactorCommand.withToken(accessToken(), ADDRESS)));
    }

    TwoFactorResult confirmsTwoFactor(String code) {
        return records(gatehouse.confirmTwoFactor().confirm(new TwoFactorCommand(accessToken(), Optional.of(code), Optional.empty(),
                Optional.empty(), ADDRESS)));
    }

    /** Completes a login that asked for a second factor with a code, or when it is null a recovery code. */
    LogInResult completesLogin(String mfaToken, String code, String recoveryCode) {
        LogInResult result = gatehouse.mfaLogIn().complete(new MfaLogInCommand(mfaToken, Optional.ofNullable(code),
                Optional.ofNullable(recoveryCode), ADDRESS, Optional.empty()));
        if (result instanceof LogInResult.LoggedIn loggedIn) {
            keep(loggedIn.accessToken(), loggedIn.refreshToken(), false);
            knownDevice = loggedIn.knownDevice();
        }
        return records(result);
    }

    /** Their second device: its own tokens and known-device credential. */
    Actor laptop() {
        if (laptop == null) {
            laptop = new Actor(name + "'s laptop", gatehouse);
        }
        return laptop;
    }

    Object answer() {
        assertNotNull(answer, () -> name + " has had no answer yet");
        return answer;
    }

    String accessToken() {
        return accessTokenIssued().value();
    }

    AccessToken accessTokenIssued() {
        assertNotNull(accessToken, () -> name + " has not logged in");
        return accessToken;
    }
}
