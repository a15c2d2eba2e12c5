package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ClientCredentialsGrantCommand;
import dev.gatehouse.application.port.in.ClientCredentialsGrantResult;
import dev.gatehouse.application.port.in.ClientCredentialsGrantUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.Scope;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The client credentials grant (RFC 6749 section 4.4): a confidential client registered for it, authenticated by its
 * secret or a signed assertion, gets an access token whose subject is the client itself, with no user and no refresh
 * token. The token carries the scopes asked for, all of which the client must be registered for ({@code invalid_scope}
 * otherwise: a service asking for more than it may is misconfigured, not to be served less in silence), or, when it
 * asks for none, every scope it is registered for. With no client registered the grant does not exist.
 */
public final class ClientCredentialsGrantService implements ClientCredentialsGrantUseCase {

    private final ClientAuthentication clientAuthentication;
    private final AccessTokens accessTokens;
    private final AuditLog audit;
    private final Clock clock;

    ClientCredentialsGrantService(ClientAuthentication clientAuthentication, AccessTokens accessTokens, AuditLog audit,
                                  Clock clock) {
        this.clientAuthentication = clientAuthentication;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ClientCredentialsGrantResult issue(ClientCredentialsGrantCommand command) {
        ClientAuthentication.Verdict verdict = clientAuthentication.authenticate(command.clientCredentials(), command.client());
        if (!(verdict instanceof ClientAuthentication.Authenticated(Client client))) {
            return new ClientCredentialsGrantResult.InvalidClient();
        }
        if (client.type() != Client.Type.CONFIDENTIAL || !client.mayUse(GrantType.CLIENT_CREDENTIALS)) {
            clientAuthentication.record(AuditEvent.Type.UNAUTHORIZED_CLIENT, command.clientCredentials(), command.client());
            return new ClientCredentialsGrantResult.UnauthorizedClient();
        }
        if (command.resource().filter(resource -> !client.mayAddress(resource)).isPresent()) {
            audit.record(new AuditEvent(AuditEvent.Type.UNAUTHORIZED_CLIENT, client.id().value(), command.client(), clock.instant()));
            return new ClientCredentialsGrantResult.InvalidTarget();
        }
        Set<Scope> registered = client.scopes().orElse(Set.of());
        Set<Scope> granted = command.requestedScopes().orElse(registered);
        Set<Scope> refused = new LinkedHashSet<>(granted);
        refused.removeAll(registered);
        if (!refused.isEmpty()) {
            audit.record(new AuditEvent(AuditEvent.Type.UNAUTHORIZED_CLIENT, client.id().value(), command.client(), clock.instant()));
            return new ClientCredentialsGrantResult.InvalidScope(refused);
        }
        AccessToken token = accessTokens.issueForClient(client.id(), granted, command.resource());
        audit.record(new AuditEvent(AuditEvent.Type.CLIENT_TOKEN_ISSUED, client.id().value(), command.client(), clock.instant()));
        return new ClientCredentialsGrantResult.Issued(token);
    }
}
