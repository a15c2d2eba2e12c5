package dev.gatehouse.application.port.in;

/**
 * Housekeeping: deletes what no longer counts from every store that keeps expiring records, so guessing, sessions
 * and audited floods cannot fill the stores for ever. Run now and then (every instance may run it).
 */
public interface ForgetExpiredDataUseCase {

    ForgottenData forgetExpiredData();
}
