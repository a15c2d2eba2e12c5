@in-process
Feature: Allowing an application to use Jane's account
  The applications the operator runs itself are trusted with Jane's sign-in. An application made by someone else (a
  third party) must ask Jane first: after she signs in, Gatehouse shows her which application asks and what it could
  do with her account, and she allows it or refuses. Gatehouse remembers what she allowed, so that the application
  does not ask again for the same things; it asks again only for something new.

  Background:
    Given Gatehouse knows these client applications:
      | application | kind   | party       | returns to                           |
      | photo-app   | public | first-party | https://photos.example.com/signed-in |
      | print-shop  | public | third-party | https://prints.example.com/signed-in |
    And Jane has registered as "jane" with password "correct horse battery"

  Scenario: Jane allows a third-party application and it gets her tokens
    Given "print-shop" sends Jane to sign in
    When she signs in on the page as "jane" with password "correct horse battery"
    Then she is asked whether "print-shop" may use her account
    When she allows it
    Then she is sent back to "print-shop" with a code
    When "print-shop" exchanges the code for her tokens
    Then she has a bearer token valid for 15 minutes and a refresh token

  Scenario: Jane refuses, and the application learns that she said no
    Given "print-shop" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    When she refuses it
    Then she is sent back to "print-shop" with the error "access_denied"

  Scenario: Once Jane allowed it, the application does not ask again
    Given "print-shop" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    And she allows it
    When "print-shop" sends Jane to sign in
    Then she is sent back to "print-shop" with a code without being asked anything

  Scenario: An application that wants to see more than Jane allowed asks again
    Given "print-shop" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    And she allows it
    When "print-shop" sends Jane to sign in, asking to see her email address
    Then she is asked whether "print-shop" may use her account

  Scenario: An application of the operator's own never asks
    Given "photo-app" sends Jane to sign in
    When she signs in on the page as "jane" with password "correct horse battery"
    Then she is sent back to "photo-app" with a code

  Scenario: An application that wants no page shown learns that Jane has not allowed it yet
    Given "photo-app" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    When "print-shop" sends Jane to sign in, asking for no page to be shown
    Then she is sent back to "print-shop" with the error "consent_required"
