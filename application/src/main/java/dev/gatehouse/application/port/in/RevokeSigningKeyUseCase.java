package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.KeyId;

/**
 * Distrusts a compromised signing key, on the operator's request at the command line (audited as the console).
 * The key stops being published and trusted at once (every instance sees it within seconds); when it was the key
 * that signs, a successor is created that signs at once, without the usual pre-publication window, since waiting
 * would keep the compromised key signing. Resource servers learn the successor by refetching the key set on its
 * unknown {@code kid}.
 */
public interface RevokeSigningKeyUseCase {

    /** Revokes the key {@code id} ({@code revoke-key KID}). */
    KeyRevocation revoke(KeyId id);

    /** Revokes the key that signs now ({@code rotate-keys --compromised}). */
    KeyRevocation revokeSigningKey();
}
