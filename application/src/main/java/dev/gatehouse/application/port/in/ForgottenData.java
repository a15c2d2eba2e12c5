package dev.gatehouse.application.port.in;

/** What one housekeeping run deleted, per store. */
public record ForgottenData(int failedLoginRecords, int sessions, int revokedTokenEntries, int auditEvents, int usedAssertions,
                            int authorizationCodes, int emailVerificationLinks, int passwordResetLinks, int mfaChallenges,
                            int browserSessionRecords) {

    /** A run that found no record of a logged-out browser session to forget. */
    public ForgottenData(int failedLoginRecords, int sessions, int revokedTokenEntries, int auditEvents, int usedAssertions,
                         int authorizationCodes, int emailVerificationLinks, int passwordResetLinks, int mfaChallenges) {
        this(failedLoginRecords, sessions, revokedTokenEntries, auditEvents, usedAssertions, authorizationCodes,
                emailVerificationLinks, passwordResetLinks, mfaChallenges, 0);
    }

    /** A run that found no expired email-verification link, password-reset link or MFA challenge to forget. */
    public ForgottenData(int failedLoginRecords, int sessions, int revokedTokenEntries, int auditEvents, int usedAssertions,
                         int authorizationCodes) {
        this(failedLoginRecords, sessions, revokedTokenEntries, auditEvents, usedAssertions, authorizationCodes, 0, 0, 0);
    }

    /** A run that kept no used client assertions and found no authorization code to forget. */
    public ForgottenData(int failedLoginRecords, int sessions, int revokedTokenEntries, int auditEvents) {
        this(failedLoginRecords, sessions, revokedTokenEntries, auditEvents, 0, 0);
    }
}
