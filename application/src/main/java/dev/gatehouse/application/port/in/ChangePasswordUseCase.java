package dev.gatehouse.application.port.in;

/**
 * Changes the caller's password, given the current one, and ends every session: the caller gets a new
 * session in the answer, every other device must log in again.
 */
public interface ChangePasswordUseCase {

    ChangePasswordResult changePassword(ChangePasswordCommand command);
}
