Feature: Reading the current user
  A bearer token stands for its user until it expires. The user's account is read afresh on every request,
  so a disabled account stops working at once.

  Background:
    Given Jane has registered as "jane" with password "correct horse battery" and full name "Jane Roe"

  Scenario: A logged-in user reads her own profile
    Given Jane has logged in as "jane" with password "correct horse battery"
    When she asks who she is
    Then she is told she is "jane" with full name "Jane Roe", active

  @http
  Scenario: Without a token nobody is authenticated
    When someone asks who they are without a token
    Then the request is refused because "Not authenticated"

  @in-process
  Scenario: An expired token no longer works
    Given Jane has logged in as "jane" with password "correct horse battery"
    And 16 minutes pass
    When she asks who she is
    Then the request is refused because "Could not validate credentials"

  Scenario: A tampered token does not work
    Given Jane has logged in as "jane" with password "correct horse battery"
    When she asks who she is with a tampered token
    Then the request is refused because "Could not validate credentials"

  @administrator
  Scenario: A disabled user is told the account is inactive
    Given Jane has logged in as "jane" with password "correct horse battery"
    And Jane's account has been disabled
    When she asks who she is
    Then she is told "Inactive user"
