package dev.gatehouse.application.port.in;

/**
 * Brings the stored signing keys up to the rotation schedule: creates the successor when one is due, deletes
 * keys past their retention. Idempotent and safe to run on every instance at once; bootstrap runs it at start
 * and periodically. An operator may also force a rotation ahead of the schedule.
 */
public interface RotateSigningKeysUseCase {

    KeyRotation rotate();

    /**
     * Creates the successor of the signing key now, on the operator's request at the command line (audited as
     * the console), unless one is already waiting. The successor is published at once but signs only after the
     * pre-publication window; the current key signs on meanwhile, and retired keys stay published until their
     * tokens expired.
     */
    ForcedRotation rotateNow();
}
