Feature: Logging in safely while under attack
  The password grant exposes passwords to guessing, so Gatehouse slows guessing down, tells an attacker
  nothing he did not know, and does not lock the real owner out.

  Background:
    Given Jane has registered as "jane" with password "correct horse battery"

  Scenario: After a wrong password the account makes the next attempt wait, even with the right password
    Given Mallory has tried to log in as "jane" with password "password123"
    When Mallory logs in as "jane" with password "correct horse battery"
    Then the login is refused because "Incorrect username or password"
    And the answer asks to retry after 1 second

  Scenario: Hammering a waiting account does not make the wait longer
    Given Mallory has tried to log in as "jane" with password "password123"
    And Mallory has tried to log in as "jane" with password "qwerty123"
    And Mallory has tried to log in as "jane" with password "letmein"
    When Mallory logs in as "jane" with password "dragon"
    Then the answer asks to retry after 1 second

  Scenario: Every further attempt doubles the wait, which ends on its own
    Given Mallory has tried to log in as "jane" with password "password123"
    And 1 second passes
    And Mallory has tried to log in as "jane" with password "qwerty123"
    When Mallory logs in as "jane" with password "letmein"
    Then the answer asks to retry after 2 seconds
    When 2 seconds pass
    And Jane logs in as "jane" with password "correct horse battery"
    Then she receives a bearer token valid for 15 minutes

  Scenario: The owner's known device gets in while the account is under attack
    Given Jane has logged in as "jane" with password "correct horse battery"
    And Mallory has tried to log in as "jane" with password "password123"
    When Jane logs in as "jane" with password "correct horse battery"
    Then she receives a bearer token valid for 15 minutes

  Scenario: Names that belong to nobody are slowed down exactly like real accounts
    Given Mallory has tried to log in as "nobody" with password "password123"
    When Mallory logs in as "nobody" with password "password123"
    Then the login is refused because "Incorrect username or password"
    And the answer asks to retry after 1 second

  @administrator
  Scenario: A disabled account cannot log in, and the answer does not say why
    Given Jane's account has been disabled
    When Jane logs in as "jane" with password "correct horse battery"
    Then the login is refused because "Incorrect username or password"
