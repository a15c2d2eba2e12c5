Feature: Logging in with a password
  A client exchanges a username and password for a short-lived bearer token, as in FastAPI's security
  tutorial. Failures never reveal whether the username exists.

  Background:
    Given Jane has registered as "jane" with password "correct horse battery"

  Scenario: The right password gets a bearer token
    When Jane logs in as "jane" with password "correct horse battery"
    Then she receives a bearer token valid for 15 minutes

  Scenario: The username is not case sensitive
    When Jane logs in as "Jane" with password "correct horse battery"
    Then she receives a bearer token valid for 15 minutes

  Scenario: A wrong password is refused
    When Jane logs in as "jane" with password "wrong horse battery"
    Then the login is refused because "Incorrect username or password"

  Scenario: An unknown user is refused exactly like a wrong password
    When someone logs in as "nobody" with password "correct horse battery"
    Then the login is refused because "Incorrect username or password"

  @http
  Scenario: A login without a password is incomplete
    When someone logs in as "jane" without a password
    Then the login is refused as incomplete, naming the missing "password"
