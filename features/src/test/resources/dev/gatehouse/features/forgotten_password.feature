@mail
Feature: I forgot my password
  Someone who forgot their password asks for a link, by username or e-mail address. The link arrives by mail,
  works once, and sets a new password; every session started with the old password ends. The answer to the
  request is the same whether or not such an account exists, so nobody learns who has an account.

  Background:
    Given Jane has registered as "jane" with password "correct horse battery" and e-mail "jane@example.test"
    And Jane has logged in as "jane" with password "correct horse battery"

  Scenario: The link from the mail sets a new password and ends the old sessions
    When Jane asks for a password reset for "jane@example.test"
    Then she is told that a link is on its way if the account exists
    And a password-reset mail arrives at "jane@example.test"
    When Jane sets the new password "a brand new passphrase" with the link from the mail
    Then the new password is set
    And a mail about "password was changed" arrives at "jane@example.test"
    And she can no longer renew her session
    And Jane can log in as "jane" with password "a brand new passphrase"
    And logging in as "jane" with password "correct horse battery" fails

  Scenario: The link works only once
    Given Jane asks for a password reset for "jane"
    And a password-reset mail arrives at "jane@example.test"
    And Jane sets the new password "a brand new passphrase" with the link from the mail
    When Jane sets the new password "yet another passphrase" with the link from the mail
    Then the link is refused as used, expired or unknown
    And Jane can log in as "jane" with password "a brand new passphrase"

  Scenario: Asking for an account that does not exist gets the same answer, and no mail
    When Mallory asks for a password reset for "nobody@example.test"
    Then they are told that a link is on its way if the account exists
    And no mail has reached "nobody@example.test"
