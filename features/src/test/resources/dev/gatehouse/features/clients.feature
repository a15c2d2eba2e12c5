@in-process
Feature: Client applications
  Gatehouse can be told which client applications may use it. Then every login and every renewal names its
  application, a confidential application proves itself with its secret, only the operator's own (first-party)
  applications may take a user's password, and a session stays with the application it was started in.
  With no application registered, nothing changes: the other features show the tutorial's clients at work.

  Background:
    Given Gatehouse knows these client applications:
      | application | kind         | party       |
      | web-app     | public       | first-party |
      | back-office | confidential | first-party |
      | reporting   | confidential | third-party |
    And Jane has registered as "jane" with password "correct horse battery"

  Scenario: A first-party public application logs Jane in with its name alone
    When Jane logs in through "web-app" as "jane" with password "correct horse battery"
    Then she receives a bearer token valid for 15 minutes
    And the bearer token says it was issued to "web-app"

  Scenario: A confidential application logs Jane in with its secret
    When Jane logs in through "back-office" with its secret as "jane" with password "correct horse battery"
    Then she receives a bearer token valid for 15 minutes
    And the bearer token says it was issued to "back-office"

  @http
  Scenario: A confidential application that sends its secret in the form logs Jane in too
    When Jane logs in through "back-office" with its secret in the form as "jane" with password "correct horse battery"
    Then she receives a bearer token valid for 15 minutes

  Scenario: A confidential application with a wrong secret is refused
    When Jane logs in through "back-office" with a wrong secret as "jane" with password "correct horse battery"
    Then the application is refused as unknown or unproven

  Scenario: A login that names no application is refused
    When Jane logs in as "jane" with password "correct horse battery"
    Then the application is refused as unknown or unproven

  Scenario: A third-party application may not take Jane's password
    When Jane logs in through "reporting" with its secret as "jane" with password "correct horse battery"
    Then the application is refused as not allowed to log users in with a password

  Scenario: A session stays with the application it was started in
    Given Jane has logged in through "web-app" as "jane" with password "correct horse battery"
    When "back-office" renews her session with its secret
    Then the renewal is refused as an invalid grant
    And she can still renew her session through "web-app"
