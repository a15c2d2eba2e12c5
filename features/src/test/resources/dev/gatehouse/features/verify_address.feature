@mail @email-verification
Feature: Verify my address
  Where addresses must be verified, a new account is mailed a link to the address it gave, and gets no tokens until
  that link is used. The link works once. Only someone who knows the password learns that the address is not
  verified yet; anyone may ask for a new link, and hears the same whether or not the account exists. A new address
  takes the place of the old one only once it is verified, and the old one is told.

  Background:
    Given addresses must be verified
    And Jane has registered as "jane" with password "correct horse battery" and e-mail "jane@example.test"

  Scenario: A new account signs in once its address is verified
    When Jane logs in as "jane" with password "correct horse battery"
    Then Jane is told the e-mail address is not verified yet
    And a verification mail arrives at "jane@example.test"
    When Jane verifies the address with the link from the mail
    Then the address "jane@example.test" is verified
    And Jane can log in as "jane" with password "correct horse battery"

  Scenario: A wrong password learns nothing about the address
    When Jane logs in as "jane" with password "not my password"
    Then the login is refused because "Incorrect username or password"

  Scenario: The link works only once
    Given a verification mail arrives at "jane@example.test"
    And Jane verifies the address with the link from the mail
    When Jane verifies the address with the link from the mail
    Then the link is refused as used, expired or unknown

  Scenario: A new link can be asked for, and the newest one works
    Given a verification mail arrives at "jane@example.test"
    When Jane asks for a new verification link for "jane"
    Then she is told that a link is on its way if the account exists
    And a second verification mail arrives at "jane@example.test"
    When Jane verifies the address with the link from the mail
    Then the address "jane@example.test" is verified

  Scenario: A new address counts once it is verified, and the former address is told
    Given a verification mail arrives at "jane@example.test"
    And Jane verifies the address with the link from the mail
    And Jane has logged in as "jane" with password "correct horse battery"
    When Jane changes her e-mail address to "jane@elsewhere.test" with the password "correct horse battery"
    Then a verification mail arrives at "jane@elsewhere.test"
    And Jane's e-mail address is still "jane@example.test"
    When Jane verifies the address with the link from the mail
    Then the address "jane@elsewhere.test" is verified
    And a mail about "a new email address" arrives at "jane@example.test"
