package dev.gatehouse.application.service;

import dev.gatehouse.domain.RecoveryCodeHash;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recovery codes: ten per set, each 80 random bits as 16 base32 characters in groups of four
 * ({@code abcd-efgh-ijkl-mnop}), of which only the SHA-256 is stored. Typed back, case, spaces and dashes do not matter.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final int CHARACTERS = 16;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new set and its hashes. */
    record Issued(List<String> codes, List<RecoveryCodeHash> hashes) {
    }

    private RecoveryCodes() {
    }

    static Issued issue() {
        List<String> codes = new ArrayList<>();
        List<RecoveryCodeHash> hashes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < CHARACTERS; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
            codes.add(code.toString());
            hashes.add(hashOf(code.toString()));
        }
        return new Issued(List.copyOf(codes), List.copyOf(hashes));
    }

    static RecoveryCodeHash hashOf(String typed) {
        String canonical = typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        return new RecoveryCodeHash(SecretTokens.sha256Hex(canonical));
    }
}
