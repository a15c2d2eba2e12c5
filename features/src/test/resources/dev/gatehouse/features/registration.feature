Feature: Registering an account
  Anyone can open an account with a username and a password. The password is kept only as a one-way hash,
  and usernames are unique whatever their case.

  Scenario: A new user registers and can then log in
    When Jane registers as "jane" with password "correct horse battery", e-mail "jane@example.com" and full name "Jane Roe"
    Then the account is created with username "jane", e-mail "jane@example.com" and full name "Jane Roe"
    And the answer does not reveal the password or its hash
    And Jane can log in as "jane" with password "correct horse battery"

  Scenario: A username that is already taken, in any case, cannot be registered again
    Given Jane has registered as "jane" with password "correct horse battery"
    When someone else registers as "JANE" with password "another password"
    Then the registration is refused because "Username already registered"
    And Jane can log in as "jane" with password "correct horse battery"
    But logging in as "jane" with password "another password" fails

  Scenario: A password that is too short is refused
    When Jane registers as "jane" with password "short"
    Then the registration is refused as invalid because "password must be at least 8 characters"
    And logging in as "jane" with password "short" fails

  @http
  Scenario: Fields a user may not set are ignored
    When Jane registers as "jane" with password "correct horse battery" claiming to be disabled
    Then the account is created and active

  Scenario: A password that attackers try first is refused
    When Jane registers as "jane" with password "iloveyou"
    Then the registration is refused as invalid because "password is too common; choose one that is harder to guess"
