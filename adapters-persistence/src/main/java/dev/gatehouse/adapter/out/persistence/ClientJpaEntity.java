package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A {@code clients} row (V13__clients.sql); mapped by {@link JpaClientRepository}. */
@Entity
@Table(name = "clients")
class ClientJpaEntity {

    @Id
    @Column(name = "client_id", nullable = false, updatable = false, length = 64)
    private String clientId;

    @Column(name = "client_type", nullable = false, updatable = false, length = 16)
    private String clientType;

    @Column(name = "secret_hash", length = 64)
    private String secretHash;

    @Column(name = "first_party", nullable = false, updatable = false)
    private boolean firstParty;

    @Column(name = "introspects", nullable = false, updatable = false)
    private boolean introspects;

    @Column(name = "grant_types", nullable = false, updatable = false, length = 200)
    private String grantTypes;

    @Column(name = "scopes", updatable = false, length = 20000)
    private String scopes;

    @Column(name = "audiences", nullable = false, updatable = false, length = 41000)
    private String audiences;

    @Column(name = "redirect_uris", nullable = false, updatable = false, length = 41000)
    private String redirectUris;

    @Column(name = "post_logout_redirect_uris", nullable = false, updatable = false, length = 41000)
    private String postLogoutRedirectUris = "";

    @Column(name = "jwks", updatable = false, length = 65536)
    private String jwks;

    @Column(name = "jwks_uri", updatable = false, length = 2048)
    private String jwksUri;

    @Column(name = "registered_at", nullable = false, updatable = false)
    private Instant registeredAt;

    protected ClientJpaEntity() {
    }

    ClientJpaEntity(String clientId, String clientType, String secretHash, boolean firstParty, boolean introspects,
                    String grantTypes, String scopes, String audiences, String redirectUris, String jwks, String jwksUri,
                    Instant registeredAt) {
        this.clientId = clientId;
        this.clientType = clientType;
        this.secretHash = secretHash;
        this.firstParty = firstParty;
        this.introspects = introspects;
        this.grantTypes = grantTypes;
        this.scopes = scopes;
        this.audiences = audiences;
        this.redirectUris = redirectUris;
        this.jwks = jwks;
        this.jwksUri = jwksUri;
        this.registeredAt = registeredAt;
    }

    /** With the pages the client may send a person to after logout (V17), space-separated. */
    ClientJpaEntity withPostLogoutRedirectUris(String uris) {
        this.postLogoutRedirectUris = uris;
        return this;
    }

    String getPostLogoutRedirectUris() {
        return postLogoutRedirectUris;
    }

    String getClientId() {
        return clientId;
    }

    String getClientType() {
        return clientType;
    }

    String getSecretHash() {
        return secretHash;
    }

    boolean isFirstParty() {
        return firstParty;
    }

    boolean isIntrospects() {
        return introspects;
    }

    String getGrantTypes() {
        return grantTypes;
    }

    String getScopes() {
        return scopes;
    }

    String getAudiences() {
        return audiences;
    }

    String getRedirectUris() {
        return redirectUris;
    }

    String getJwks() {
        return jwks;
    }

    String getJwksUri() {
        return jwksUri;
    }

    Instant getRegisteredAt() {
        return registeredAt;
    }
}
