package dev.gatehouse.application.port.in;

/** What one housekeeping run deleted, per store. */
public record ForgottenData(int failedLoginRecords, int sessions, int revokedTokenEntries, int auditEvents, int usedAssertions) {

    /** A run that kept no used client assertions. */
    public ForgottenData(int failedLoginRecords, int sessions, int revokedTokenEntries, int auditEvents) {
        this(failedLoginRecords, sessions, revokedTokenEntries, auditEvents, 0);
    }
}
