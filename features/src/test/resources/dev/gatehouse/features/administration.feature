@administrator
Feature: Administrators manage accounts
  A user who holds the admin role logs in asking for the "admin" scope, and with that token manages other
  accounts under /admin/: finds them, disables and enables them, unlocks them, gives and takes roles, and ends
  their sessions. A token without the scope is refused with 403. Every change is recorded with the
  administrator's name.

  Background:
    Given Ada is an administrator with username "ada" and password "ada's long passphrase"
    And Jane has registered as "jane" with password "correct horse battery"

  Scenario: An administrator finds an account
    Given Ada has logged in as "ada" with password "ada's long passphrase" asking for the "admin" scope
    When Ada searches the accounts for "jane"
    Then the search finds "jane" only

  Scenario: A token without the admin scope is refused
    Given Ada has logged in as "ada" with password "ada's long passphrase"
    When Ada searches the accounts for "jane"
    Then the request is refused for lack of the "admin" scope

  Scenario: A user without the admin role is not granted the admin scope
    When Jane logs in as "jane" with password "correct horse battery" asking for the "admin" scope
    Then she is granted no scope

  Scenario: Disabling an account refuses its tokens at once and enabling lets its owner log in again
    Given Ada has logged in as "ada" with password "ada's long passphrase" asking for the "admin" scope
    And Jane has logged in as "jane" with password "correct horse battery"
    When Ada disables the account "jane"
    Then Jane's bearer token is refused because "Inactive user"
    And logging in as "jane" with password "correct horse battery" fails
    When Ada enables the account "jane"
    Then Jane can log in as "jane" with password "correct horse battery"

  Scenario: Unlocking an account an attacker has throttled
    Given Ada has logged in as "ada" with password "ada's long passphrase" asking for the "admin" scope
    And Mallory has tried to log in as "jane" with password "password123"
    When Jane logs in as "jane" with password "correct horse battery"
    Then the login is refused because "Incorrect username or password"
    When Ada unlocks the account "jane"
    Then Jane can log in as "jane" with password "correct horse battery"

  Scenario: Giving an account the admin role lets its owner administer
    Given Ada has logged in as "ada" with password "ada's long passphrase" asking for the "admin" scope
    When Ada gives the account "jane" the role "admin"
    And Jane logs in as "jane" with password "correct horse battery" asking for the "admin" scope
    Then she is granted the scope "admin"

  Scenario: Ending an account's sessions refuses its tokens at once
    Given Ada has logged in as "ada" with password "ada's long passphrase" asking for the "admin" scope
    And Jane has logged in as "jane" with password "correct horse battery"
    When Ada ends the sessions of the account "jane"
    Then Jane's bearer token is refused because "Could not validate credentials"
    And she can no longer renew her session
