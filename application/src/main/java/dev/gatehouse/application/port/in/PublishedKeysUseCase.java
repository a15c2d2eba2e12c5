package dev.gatehouse.application.port.in;

import java.util.List;

/**
 * The public keys a resource server needs to verify Gatehouse's access tokens: every key that signs, will
 * sign soon, or signed tokens that may still be valid. Empty when tokens are signed with a shared secret.
 */
public interface PublishedKeysUseCase {

    List<PublishedKey> publishedKeys();
}
