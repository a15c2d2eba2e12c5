package dev.gatehouse.adapter.out.security;

/**
 * The cost of one argon2id hash: memory in KiB, passes over it, and lanes. {@link #OWASP} is the OWASP
 * Password Storage Cheat Sheet minimum (m=19456 KiB, t=2, p=1); tests use cheaper values for speed.
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

    public static final Argon2Parameters OWASP = new Argon2Parameters(19456, 2, 1);

    private static final int MAX_MEMORY_KIB = 4_194_304;
    private static final int MAX_ITERATIONS = 100;
    private static final int MAX_PARALLELISM = 64;

    public Argon2Parameters {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be between 1 and " + MAX_PARALLELISM + ", got " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS + ", got " + iterations);
        }
        // argon2 needs at least 8 KiB per lane.
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memoryKiB must be between 8 * parallelism (" + 8 * parallelism
                    + ") and " + MAX_MEMORY_KIB + ", got " + memoryKiB);
        }
    }
}
