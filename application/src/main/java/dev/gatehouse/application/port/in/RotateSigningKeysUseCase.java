package dev.gatehouse.application.port.in;

/**
 * Brings the stored signing keys up to the rotation schedule: creates the successor when one is due, deletes
 * keys past their retention. Idempotent and safe to run on every instance at once; bootstrap runs it at start
 * and periodically.
 */
public interface RotateSigningKeysUseCase {

    KeyRotation rotate();
}
