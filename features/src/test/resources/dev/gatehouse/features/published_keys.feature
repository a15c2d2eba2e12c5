@http
Feature: Other services trust Gatehouse's tokens through its published keys
  A service written by another team accepts Gatehouse's access tokens without sharing any secret with it: it
  reads Gatehouse's description of itself, fetches the keys Gatehouse publishes there, and checks each token's
  signature, issuer, audience and expiry on its own.

  Background:
    Given Jane has registered as "jane" with password "correct horse battery"

  Scenario: A resource server validates Jane's token with the published keys only
    Given Jane has logged in as "jane" with password "correct horse battery"
    When a resource server that knows only Gatehouse's address checks her token
    Then it accepts the token as Jane's

  Scenario: A resource server refuses a tampered token
    Given Jane has logged in as "jane" with password "correct horse battery"
    When a resource server that knows only Gatehouse's address checks her token after someone changed it
    Then it refuses the token

  Scenario: Gatehouse describes itself to clients
    When a client reads Gatehouse's description of itself
    Then it learns where to get tokens and keys, and that the password and refresh token grants are supported
    And it may cache the published keys for a while
