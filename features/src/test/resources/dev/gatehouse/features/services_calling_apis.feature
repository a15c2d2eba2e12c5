@in-process
Feature: A service calling an API as itself
  A service that runs on its own, with no person behind it (a nightly report, a back-end job), proves itself with its
  own secret and receives a short token about itself: the token names the service, carries only the scopes the
  operator registered for it, and comes without a refresh token, since the service can simply ask again.

  Background:
    Given Gatehouse knows these client applications:
      | application | kind         | party       | may use            | scopes                     |
      | reporting   | confidential | first-party | client_credentials | reports:read reports:write |
      | back-office | confidential | first-party |                    |                            |
      | web-app     | public       | first-party |                    |                            |

  Scenario: The reporting service receives a token about itself
    When "reporting" asks for a token for itself with its secret
    Then it receives a bearer token valid for 15 minutes, about "reporting" itself
    And the token carries the scopes "reports:read reports:write"
    And no refresh token comes with it

  Scenario: The reporting service asks for less than it may have
    When "reporting" asks for a token for itself with its secret, for the scope "reports:read"
    Then the token carries the scopes "reports:read"

  Scenario: A scope the service is not registered for is refused
    When "reporting" asks for a token for itself with its secret, for the scope "admin"
    Then the request for a token is refused as asking for a scope that is not allowed

  Scenario: A service with a wrong secret is refused
    When "reporting" asks for a token for itself with a wrong secret
    Then the request for a token is refused as coming from an unknown or unproven application

  Scenario: An application not registered for it may not get a token about itself
    When "back-office" asks for a token for itself with its secret
    Then the request for a token is refused as not allowed for this application

  Scenario: An application without a secret may not get a token about itself
    When "web-app" asks for a token for itself without a secret
    Then the request for a token is refused as not allowed for this application
