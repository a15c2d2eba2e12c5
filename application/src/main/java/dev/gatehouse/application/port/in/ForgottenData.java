package dev.gatehouse.application.port.in;

/** What one housekeeping run deleted, per store. */
public record ForgottenData(int failedLoginRecords, int sessions, int revokedTokenEntries, int auditEvents,
                            int authorizationCodes) {

    /** A run that found no authorization code to forget. */
    public ForgottenData(int failedLoginRecords, int sessions, int revokedTokenEntries, int auditEvents) {
        this(failedLoginRecords, sessions, revokedTokenEntries, auditEvents, 0);
    }
}
