package dev.gatehouse.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A registered client application (RFC 6749 section 2.1). A public client (a browser or mobile app) cannot keep
 * a secret and authenticates with its id alone; a confidential one (a server) proves itself with a secret, of
 * which only the hash is known. Only first-party clients, the applications of whoever runs Gatehouse, may use
 * the password grant: it hands them the user's password (RFC 9700 section 2.4). A confidential client may also be a
 * resource server allowed to introspect tokens (RFC 7662); a public one may not, as it could not prove who asks.
 */
public record Client(ClientId id, Type type, Optional<ClientSecretHash> secretHash, boolean firstParty, boolean introspects) {

    /** Whether the client can keep a secret. */
    public enum Type { PUBLIC, CONFIDENTIAL }

    public Client {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secretHash, "secretHash");
        if ((type == Type.CONFIDENTIAL) != secretHash.isPresent()) {
            throw new IllegalArgumentException("a confidential client has a secret, a public one none: " + id);
        }
        if (introspects && type != Type.CONFIDENTIAL) {
            throw new IllegalArgumentException("only a confidential client may introspect tokens: " + id);
        }
    }

    /** A client that does not introspect tokens. */
    public Client(ClientId id, Type type, Optional<ClientSecretHash> secretHash, boolean firstParty) {
        this(id, type, secretHash, firstParty, false);
    }

    public static Client publicClient(ClientId id, boolean firstParty) {
        return new Client(id, Type.PUBLIC, Optional.empty(), firstParty);
    }

    public static Client confidential(ClientId id, ClientSecretHash secretHash, boolean firstParty) {
        return new Client(id, Type.CONFIDENTIAL, Optional.of(secretHash), firstParty);
    }

    /**
     * Whether a request with this secret (or none) comes from this client: a confidential client must send its
     * secret, a public one must send none (a secret it sends was never issued, so something is wrong).
     */
    public boolean authenticates(Optional<String> presentedSecret) {
        Objects.requireNonNull(presentedSecret, "presentedSecret");
        return switch (type) {
            case PUBLIC -> presentedSecret.isEmpty();
            case CONFIDENTIAL -> presentedSecret.filter(secret -> secretHash.orElseThrow().matches(secret)).isPresent();
        };
    }

    /** The same client, allowed to introspect tokens (a resource server); it must be confidential. */
    public Client allowedToIntrospect() {
        return new Client(id, type, secretHash, firstParty, true);
    }

    /** Whether the client may ask whether a token is active (RFC 7662). */
    public boolean mayIntrospect() {
        return introspects;
    }

    /** The password grant is for first-party clients only. */
    public boolean mayUsePasswordGrant() {
        return firstParty;
    }
}
