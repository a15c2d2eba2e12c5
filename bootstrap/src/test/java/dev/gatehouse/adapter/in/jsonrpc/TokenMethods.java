package dev.gatehouse.adapter.in.jsonrpc;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.RefreshTokenUseCase;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.support.json.JsonCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code token.password} (username, password, scope?, device_token?) and {@code token.refresh} (refresh_token):
 * the password and refresh token grants, answering {@code access_token}, {@code token_type}, {@code expires_in},
 * {@code scope}, {@code refresh_token} and, after a password login, the {@code device_token} that lets its holder
 * through a throttle someone else's guessing ran up (send it back with the next login).
 */
final class TokenMethods {

    private static final String BUSY = "Service busy, retry later";

    private final LogInUseCase logIn;
    private final RefreshTokenUseCase refresh;

    TokenMethods(LogInUseCase logIn, RefreshTokenUseCase refresh) {
        this.logIn = Objects.requireNonNull(logIn, "logIn");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
    }

    JsonObject password(Call call) {
        Params params = call.params();
        String username = params.required("username", Function.identity());
        PlainPassword password = params.required("password", PlainPassword::new);
        Set<Scope> scopes = params.optional("scope", Scope::parseList).orElse(Set.of());
        Optional<String> device = params.optional("device_token", Function.identity());
        params.throwIfInvalid();

        // This adapter names no client application: with clients registered, every login here is refused.
        return switch (logIn.logIn(new LogInCommand(username, password, scopes, call.client(), device))) {
            case LogInResult.LoggedIn(AccessToken token, String refreshToken, String knownDevice) ->
                    tokens(token, refreshToken).add("device_token", knownDevice).build();
            case LogInResult.InvalidCredentials invalid -> throw invalidCredentials();
            // The wrong-password answer plus when to retry: nothing else tells a guesser more.
            case LogInResult.Throttled(Duration retryAfter) -> throw JsonRpcError.retryAfter(
                    JsonRpcError.INVALID_CREDENTIALS, invalidCredentials().getMessage(), retryAfter);
            case LogInResult.Overloaded(Duration retryAfter) ->
                    throw JsonRpcError.retryAfter(JsonRpcError.RETRY_LATER, BUSY, retryAfter);
            case LogInResult.InvalidClient invalid -> throw clientNotAccepted();
            case LogInResult.UnauthorizedClient unauthorized -> throw clientNotAccepted();
            case LogInResult.InvalidTarget invalid -> throw clientNotAccepted();
            // Only after the right password (GATEHOUSE_EMAIL_VERIFICATION=required): it tells a guesser nothing.
            case LogInResult.EmailNotVerified unverified ->
                    throw JsonRpcError.of(JsonRpcError.INVALID_CREDENTIALS, "Email address not verified");
            // This sample adapter has no second step: an account with a second factor signs in over HTTP.
            case LogInResult.MfaRequired required -> throw invalidCredentials();
            case LogInResult.InvalidMfaToken invalid -> throw invalidCredentials();
            case LogInResult.MfaEnrollmentRequired required -> throw invalidCredentials();
        };
    }

    JsonObject refresh(Call call) {
        Params params = call.params();
        String refreshToken = params.required("refresh_token", Function.identity());
        params.throwIfInvalid();

        // No scope is asked for, so the session's scopes carry over unchanged (RFC 6749 section 6).
        return switch (refresh.refresh(new RefreshCommand(refreshToken, Optional.empty(), call.client()))) {
            case RefreshResult.Refreshed(AccessToken token, String next, var idToken) -> tokens(token, next).build();
            case RefreshResult.InvalidGrant invalid -> throw JsonRpcError.of(JsonRpcError.INVALID_REFRESH_TOKEN,
                    "The refresh token is invalid, expired, revoked or already used");
            case RefreshResult.InvalidClient invalid -> throw clientNotAccepted();
            case RefreshResult.InvalidTarget invalid -> throw clientNotAccepted();
            case RefreshResult.Throttled(Duration retryAfter) -> throw JsonRpcError.retryAfter(JsonRpcError.RETRY_LATER,
                    "This session refreshes too often", retryAfter);
        };
    }

    private static JsonObjectBuilder tokens(AccessToken token, String refreshToken) {
        return JsonCodec.BUILDERS.createObjectBuilder()
                .add("access_token", token.value())
                .add("token_type", "bearer")
                .add("expires_in", token.lifetime().toSeconds())
                .add("scope", Scope.format(token.scopes()))
                .add("refresh_token", refreshToken);
    }

    private static JsonRpcError invalidCredentials() {
        return JsonRpcError.of(JsonRpcError.INVALID_CREDENTIALS, "Incorrect username or password");
    }

    private static JsonRpcError clientNotAccepted() {
        return JsonRpcError.of(JsonRpcError.CLIENT_NOT_ACCEPTED, "Client applications are registered; this one is not");
    }
}
