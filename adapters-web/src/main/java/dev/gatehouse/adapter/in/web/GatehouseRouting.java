package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.out.StoreUnavailableException;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers every Gatehouse route and the central error mapping on a routing builder: a thrown
 * {@link HttpProblem} is sent as it is, Helidon's own HTTP errors (such as 404 for an unknown path) get a
 * {@code {"detail": ...}} body, and anything else becomes a logged 500 that shows the client nothing. Filters in
 * front of every route give each answer an {@code X-Request-Id} and {@code X-Content-Type-Options: nosniff},
 * write the access log and count the request. The routes come from the {@link RoutedService}s' lists, which the
 * tests hold to the OpenAPI document. The limits Helidon enforces before routing are set on the server by
 * {@link ServerLimits#applyLimits}; {@link GatehouseWeb#configure} applies both.
 */
public final class GatehouseRouting {

    private static final Logger LOGGER = Logger.getLogger(GatehouseRouting.class.getName());

    private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(2);

    private GatehouseRouting() {
    }

    /** {@link #configure(HttpRouting.Builder, WebUseCases, WebSettings)} with {@link WebSettings#DEFAULT}. */
    public static void configure(HttpRouting.Builder routing, WebUseCases useCases) {
        configure(routing, useCases, WebSettings.DEFAULT);
    }

    /**
     * Registers the API alone ({@code /token}, {@code /revoke}, {@code /introspect}, {@code /logout}, {@code /users}, {@code /admin}, the key set and
     * the authorization server metadata under {@code /.well-known}), without the operations endpoints;
     * {@code settings} decide where the client address comes from and how cookies are set.
     */
    public static void configure(HttpRouting.Builder routing, WebUseCases useCases, WebSettings settings) {
        Objects.requireNonNull(routing, "routing");
        // No operations endpoints, so nobody reads these meters: a registry of their own keeps them apart.
        configure(routing, apiServices(useCases, settings), settings, new HttpMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }

    /**
     * Registers the API and the operations endpoints: {@code /openapi.json}, {@code /docs}, {@code /health/*}
     * (running the readiness checks of {@code operations}) and {@code /metrics}.
     */
    public static void configure(HttpRouting.Builder routing, WebUseCases useCases, WebSettings settings,
                                 Operations operations) {
        Objects.requireNonNull(routing, "routing");
        configure(routing, services(useCases, settings, operations), settings, new HttpMeters(operations.meterRegistry()));
    }

    /** The resources of the API. */
    static List<RoutedService> apiServices(WebUseCases useCases, WebSettings settings) {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(settings, "settings");
        RequestLimiter limiter = new RequestLimiter(settings.rateLimits(), System::nanoTime);
        List<RoutedService> services = new ArrayList<>(List.of(
                new TokenHttpService(useCases.logIn(), useCases.refreshToken(), useCases.revokeToken(),
                        useCases.introspectToken(), useCases.clientCredentialsGrant(),
                        useCases.authorizationCode().redeemAuthorizationCode(), useCases.twoFactor().mfaLogIn(), settings,
                        limiter, useCases.clientAdministration().clientsRegistered()),
                new TwoFactorHttpService(useCases.twoFactor(), settings),
                new AuthorizeHttpService(useCases.authorizationCode().startAuthorization(),
                        useCases.authorizationCode().signIn(), settings, limiter),
                new ConsentHttpService(useCases.answerConsent(), settings, limiter),
                new SignInCodeHttpService(useCases.signInWithCode(), settings, limiter),
                new EndSessionHttpService(useCases.endBrowserSession(), settings),
                new LogOutHttpService(useCases.logOut(), settings),
                new UsersHttpService(useCases.registerUser(), useCases.currentUser(), useCases.changePassword(), settings,
                        limiter, useCases.emailVerification().mode().isOn()),
                new AdminHttpService(useCases.administration(), useCases.twoFactor().reset(), settings),
                new PasswordResetHttpService(useCases.passwordReset().request(), useCases.passwordReset().confirm(), settings, limiter),
                new JwksHttpService(useCases.publishedKeys(), settings.discovery()),
                new UserInfoHttpService(useCases.userInfo())));
        if (useCases.emailVerification().mode().isOn()) {
            services.add(new EmailVerificationHttpService(useCases.emailVerification().request(),
                    useCases.emailVerification().confirm(), useCases.emailVerification().changeEmail(), settings, limiter));
        }
        if (useCases.clientAdministration() != WebUseCases.ClientAdministration.NOT_OFFERED) {
            services.add(new AdminClientsHttpService(useCases.clientAdministration(), settings));
        }
        services.add(new AccountHttpService(useCases, settings, limiter));
        services.add(new AuthorizationServerMetadataHttpService(settings.discovery(), RoutedService.endpoints(services),
                settings.clientAuthentication(), useCases.publishedKeys()));
        return List.copyOf(services);
    }

    /** Every resource {@link #configure(HttpRouting.Builder, WebUseCases, WebSettings, Operations)} registers. */
    static List<RoutedService> services(WebUseCases useCases, WebSettings settings, Operations operations) {
        List<RoutedService> services = new ArrayList<>(publicServices(useCases, settings));
        services.addAll(operationsServices(operations));
        return List.copyOf(services);
    }

    /** The API and its documentation: what clients reach. */
    private static List<RoutedService> publicServices(WebUseCases useCases, WebSettings settings) {
        List<RoutedService> services = new ArrayList<>(apiServices(useCases, settings));
        services.add(new OpenApiHttpService());
        services.add(new DocsHttpService());
        return services;
    }

    /** {@code /health/*} and {@code /metrics}: what operators and their probes reach. */
    private static List<RoutedService> operationsServices(Operations operations) {
        Objects.requireNonNull(operations, "operations");
        return List.of(new HealthHttpService(operations), new MetricsHttpService(operations.meterRegistry()));
    }

    /**
     * Registers the API and its documentation on {@code api}, and {@code /health/*} and {@code /metrics} on
     * {@code operationsRouting} (another port, which only operators reach): each answers 404 on the other.
     */
    static void configureApart(HttpRouting.Builder api, HttpRouting.Builder operationsRouting, WebUseCases useCases,
                               WebSettings settings, Operations operations, HttpMeters meters) {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(operationsRouting, "operationsRouting");
        configure(api, publicServices(useCases, settings), settings, meters);
        configure(operationsRouting, operationsServices(operations), settings, meters);
    }

    static void configure(HttpRouting.Builder routing, List<RoutedService> services, WebSettings settings, HttpMeters meters) {
        RouteTable routes = RouteTable.of(services);
        routing.addFilter(new AccessLog(routes, settings.addressing(), meters).filter())
                .addFilter((chain, request, response) -> {
                    response.header(HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF);
                    // Helidon would send the body of a HEAD answer too, which HTTP forbids.
                    if (request.prologue().method() == Method.HEAD) {
                        response.streamFilter(body -> OutputStream.nullOutputStream());
                    }
                    Optional<HttpProblem> ambiguous = Requests.ambiguousLength(request);
                    if (ambiguous.isPresent()) {
                        ambiguous.get().sendTo(response);
                    } else {
                        chain.proceed();
                    }
                    // Helidon 4.3 reads on after answering "Connection: close". After a body whose framing we refused,
                    // the bytes that follow must not be parsed as a next request (request smuggling), so close now.
                    if (response.isSent() && response.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
                        throw new CloseConnectionException("closing after a Connection: close answer");
                    }
                });
        routes.registerOn(routing);
        routing.error(HttpProblem.class, (request, response, problem) -> problem.sendTo(response))
                .error(StoreUnavailableException.class, GatehouseRouting::unavailable)
                .error(HttpException.class, GatehouseRouting::httpError)
                .error(Throwable.class, GatehouseRouting::unexpected);
    }

    private static void httpError(ServerRequest request, ServerResponse response, HttpException error) {
        Status status = error.status();
        if (status.code() >= Status.INTERNAL_SERVER_ERROR_500_CODE) {
            unexpected(request, response, error);
            return;
        }
        JsonResponses.send(response, status, JsonResponses.detail(status.reasonPhrase()));
    }

    /** The database is down or saturated: say "try again shortly", not "bug", and nothing about the cause. */
    private static void unavailable(ServerRequest request, ServerResponse response, StoreUnavailableException error) {
        LOGGER.log(Level.WARNING, () -> "Store unavailable on " + request.prologue().method().text() + " "
                + request.prologue().uriPath().rawPath() + ": " + error.getMessage());
        JsonResponses.send(response, Status.SERVICE_UNAVAILABLE_503, JsonResponses.detail("Service temporarily unavailable"),
                JsonResponses.retryAfter(STORE_RETRY_AFTER));
    }

    private static void unexpected(ServerRequest request, ServerResponse response, Throwable error) {
        LOGGER.log(Level.SEVERE, error, () -> "Unexpected error on " + request.prologue().method().text() + " "
                + request.prologue().uriPath().rawPath());
        JsonResponses.send(response, Status.INTERNAL_SERVER_ERROR_500, JsonResponses.detail("Internal server error"));
    }
}
