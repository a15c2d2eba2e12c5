Feature: Signing in with a second factor
  Someone who wants more than a password adds an authenticator app to her account. Until she proves the app works
  with one of its codes, nothing changes. From then on her password alone no longer signs her in: the app's code of
  the moment completes the login, each code works once, and ten recovery codes, each good once, stand in for a lost
  phone. An administrator can take the second factor off the account of someone who lost both.

  Background:
    Given Jane has registered as "jane" with password "correct horse battery"
    And Jane has logged in as "jane" with password "correct horse battery"

  Scenario: The app counts only once one of its codes confirms it
    When Jane adds an authenticator app
    Then her password alone still signs her in
    When she confirms the app with its code of the moment
    Then she is given ten recovery codes
    And her password alone no longer signs her in: she is asked for a code

  Scenario: The code of the moment completes the login, and works only once
    Given Jane has confirmed an authenticator app
    When Jane logs in as "jane" with password "correct horse battery"
    And she gives the app's code of the moment
    Then she is signed in
    # Mallory watched her type both.
    When Mallory logs in as "jane" with password "correct horse battery"
    And Mallory gives the code Jane gave
    Then the code is refused

  Scenario: A wrong code is refused, and the right one still works
    Given Jane has confirmed an authenticator app
    When Jane logs in as "jane" with password "correct horse battery"
    And she gives a code her app does not show
    Then the code is refused
    # As after a wrong password, the next try waits a second.
    When 1 second passes
    And she gives the app's code of the moment
    Then she is signed in

  Scenario: A recovery code stands in for a lost phone, once
    Given Jane has confirmed an authenticator app
    When Jane logs in as "jane" with password "correct horse battery"
    And she gives her first recovery code
    Then she is signed in
    When Jane logs in as "jane" with password "correct horse battery"
    And she gives her first recovery code
    Then the code is refused

  @administrator
  Scenario: An administrator takes the second factor off the account of someone who lost both
    Given Ada is an administrator with username "ada" and password "ada's long passphrase"
    And Jane has confirmed an authenticator app
    And Ada has logged in as "ada" with password "ada's long passphrase" asking for the "admin" scope
    When Ada takes the second factor off the account "jane"
    Then Jane can log in as "jane" with password "correct horse battery"
