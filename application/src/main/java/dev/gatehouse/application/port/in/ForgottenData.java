package dev.gatehouse.application.port.in;

/** What one housekeeping run deleted, per store. */
public record ForgottenData(int failedLoginRecords, int sessions, int revokedTokenEntries, int auditEvents) {
}
