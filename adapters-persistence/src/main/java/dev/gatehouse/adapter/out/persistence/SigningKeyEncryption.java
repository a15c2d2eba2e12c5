package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.support.crypto.Hkdf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private signing keys at rest with AES-256-GCM. The AES key is derived by HKDF-SHA256 (RFC 5869) from
 * key material of at least 32 bytes ({@code GATEHOUSE_KEY_ENCRYPTION_KEY}, or else {@code GATEHOUSE_JWT_SECRET}),
 * so the material itself is never used as two kinds of key. {@link #keyId()} names the derived key (another
 * HKDF output, not the key) so a row encrypted under another key is recognised rather than mistaken for a
 * tampered one. The additional data binds each ciphertext to its row: swapping ciphertexts between keys fails.
 *
 * <p>A keyring ({@code GATEHOUSE_KEY_ENCRYPTION_KEY=new,old}) lets an operator change the key-encryption key without
 * losing the stored keys: the first key encrypts, every key decrypts what was stored under it.
 */
public final class SigningKeyEncryption {

    public static final int MIN_KEY_MATERIAL_BYTES = 32;
    /** The purpose the signing keys' AES key is derived for. */
    private static final String SIGNING_KEYS = "signing-key";
    /** ... and the TOTP secrets' (another HKDF output from the same material: one key per purpose). */
    private static final String TWO_FACTOR_SECRETS = "two-factor-secret";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** One key of the ring: the AES key and its name. */
    private record RingKey(SecretKey key, String keyId) {
    }

    private final List<RingKey> ring;
    private final SecureRandom random = new SecureRandom();

    /** One key-encryption key. */
    public SigningKeyEncryption(byte[] keyMaterial) {
        this(List.of(keyMaterial));
    }

    /** A keyring: the first key encrypts, each decrypts what was stored under it. */
    public SigningKeyEncryption(List<byte[]> keyring) {
        this(keyring, SIGNING_KEYS);
    }

    private SigningKeyEncryption(List<byte[]> keyring, String purpose) {
        Objects.requireNonNull(keyring, "keyring");
        if (keyring.isEmpty()) {
            throw new IllegalArgumentException("a key-encryption keyring needs at least one key");
        }
        this.ring = keyring.stream().map(material -> derive(material, purpose)).distinct().toList();
    }

    /**
     * The same encryption for the TOTP secrets of two-factor sign-in, under keys derived from {@code keyring} for that
     * purpose alone: a signing key's ciphertext never opens as a secret's, nor the other way round.
     */
    public static SigningKeyEncryption forTwoFactorSecrets(List<byte[]> keyring) {
        return new SigningKeyEncryption(keyring, TWO_FACTOR_SECRETS);
    }

    private static RingKey derive(byte[] keyMaterial, String purpose) {
        byte[] encryptionInfo = ("gatehouse " + purpose + " encryption v1").getBytes(StandardCharsets.UTF_8);
        byte[] keyIdInfo = ("gatehouse " + purpose + " encryption key id v1").getBytes(StandardCharsets.UTF_8);
        Objects.requireNonNull(keyMaterial, "keyMaterial");
        if (keyMaterial.length < MIN_KEY_MATERIAL_BYTES) {
            throw new IllegalArgumentException("key-encryption key material must be at least " + MIN_KEY_MATERIAL_BYTES + " bytes");
        }
        byte[] aesKey = Hkdf.sha256(new byte[0], keyMaterial, encryptionInfo, 32);
        try {
            return new RingKey(new SecretKeySpec(aesKey, "AES"),
                    HexFormat.of().formatHex(Hkdf.sha256(new byte[0], keyMaterial, keyIdInfo, 8)));
        } finally {
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    /** Names the key that encrypts, without revealing it (16 hex characters). */
    public String keyId() {
        return ring.get(0).keyId();
    }

    /** The names of every key of the ring, the encrypting one first. */
    public List<String> keyIds() {
        return ring.stream().map(RingKey::keyId).toList();
    }

    /** Whether a key of the ring has this name. */
    public boolean knows(String keyId) {
        return ring.stream().anyMatch(key -> key.keyId().equals(keyId));
    }

    /** nonce || ciphertext || tag, with {@code context} authenticated alongside. */
    byte[] encrypt(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, ring.get(0).key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] result = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, result, NONCE_BYTES, sealed.length);
            return result;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has AES-GCM", impossible);
        }
    }

    /** As {@link #decrypt(byte[], String, String)} with the encrypting key. */
    Optional<byte[]> decrypt(byte[] sealed, String context) {
        return decrypt(sealed, context, keyId());
    }

    /**
     * The plaintext, or empty when the ring has no key named {@code keyId}, or the data was not encrypted under it
     * with this context (or was changed).
     */
    Optional<byte[]> decrypt(byte[] sealed, String context, String keyId) {
        Optional<RingKey> key = ring.stream().filter(candidate -> candidate.keyId().equals(keyId)).findFirst();
        if (key.isEmpty() || sealed.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get().key(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
        } catch (GeneralSecurityException wrongKeyOrTampered) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SigningKeyEncryption[keyIds=" + keyIds() + "]";
    }
}
