package dev.gatehouse.application.port.in;

/**
 * Brings one account from another system (an export of passlib hashes, a Keycloak realm) with the hash it had
 * there, so its owner logs in with the old password and is given a hash of today's algorithm at that first login.
 * The command line's {@code import-users} calls it once per user of a file, as the console (audited so). Idempotent:
 * importing the same account again changes nothing and answers {@link ImportUserResult.AlreadyPresent}.
 */
public interface ImportUsersUseCase {

    ImportUserResult importUser(ImportUserCommand command);
}
