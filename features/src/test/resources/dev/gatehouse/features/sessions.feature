Feature: Staying logged in, and logging out
  A login starts a session. Its refresh token renews the short-lived bearer token and is replaced at every
  renewal, so a refresh token works once. A copied refresh token used after its owner moved on ends the whole
  session. Logging out ends a session; logging out everywhere, or changing the password, refuses every earlier
  token at once.

  Background:
    Given Jane has registered as "jane" with password "correct horse battery"
    And Jane has logged in as "jane" with password "correct horse battery"

  Scenario: A refresh token renews the bearer token and is replaced
    When she renews her session
    Then she receives a new bearer token and a new refresh token
    And the new bearer token works

  Scenario: A refresh token works only once
    Given she has renewed her session
    When she renews her session with the refresh token she already used
    Then the renewal is refused as an invalid grant
    And she can still renew her session

  Scenario: A stolen refresh token used after its owner renewed ends the session
    Given a thief has copied her refresh token
    And she has renewed her session
    And 11 seconds pass
    When the thief renews the session with the copied refresh token
    Then the renewal is refused as an invalid grant
    And she can no longer renew her session

  Scenario: Logging out ends the session and its bearer token at once
    When she logs out
    Then she can no longer renew her session
    And her bearer token is refused because "Could not validate credentials"

  Scenario: Revoking a bearer token refuses it at once and ends its session
    When she revokes her bearer token
    Then her bearer token is refused because "Could not validate credentials"
    And she can no longer renew her session

  Scenario: Revoking a refresh token ends its session
    When she revokes her refresh token
    Then she can no longer renew her session

  Scenario: Logging out everywhere refuses her other devices at once
    Given Jane has also logged in on her laptop as "jane" with password "correct horse battery"
    When she logs out everywhere
    Then her laptop's bearer token is refused because "Could not validate credentials"
    And her laptop can no longer renew its session

  Scenario: Changing the password ends every other session and keeps her logged in
    Given Jane has also logged in on her laptop as "jane" with password "correct horse battery"
    When she changes her password from "correct horse battery" to "a brand new passphrase"
    Then she receives a new bearer token and a new refresh token
    And the new bearer token works
    And her laptop's bearer token is refused because "Could not validate credentials"
    And logging in as "jane" with password "correct horse battery" fails
    And Jane can log in as "jane" with password "a brand new passphrase"

  Scenario: A wrong current password changes nothing
    When she changes her password from "not my password" to "a brand new passphrase"
    Then she is told "Incorrect password"
    And Jane can log in as "jane" with password "correct horse battery"

  Scenario: Guessing the current password with a stolen token is no faster than guessing at the login
    Given she has tried to change her password from "not my password" to "a brand new passphrase"
    When she changes her password from "correct horse battery" to "a brand new passphrase"
    Then she is asked to slow down
    And the answer asks to retry after 1 second
