@in-process
Feature: Signing in through an application
  A web or mobile application never sees Jane's password. It sends her browser to Gatehouse's sign-in page, she signs
  in there, and Gatehouse sends her back to the application with a one-time code, which the application exchanges for
  her tokens. With the code the application shows a secret it made up for this one sign-in (PKCE), so a code that
  leaks on the way back is worth nothing to anyone else. Once signed in, Jane's browser is not asked again by the
  operator's other applications until her browser session ends.

  Background:
    Given Gatehouse knows these client applications:
      | application | kind   | party       | returns to                           |
      | photo-app   | public | first-party | https://photos.example.com/signed-in |
      | notes-app   | public | first-party | https://notes.example.com/signed-in  |
    And Jane has registered as "jane" with password "correct horse battery"

  Scenario: Jane signs in on Gatehouse's page and the application gets her tokens
    Given "photo-app" sends Jane to sign in
    When she signs in on the page as "jane" with password "correct horse battery"
    Then she is sent back to "photo-app" with a code
    When "photo-app" exchanges the code for her tokens
    Then she has a bearer token valid for 15 minutes and a refresh token
    And the bearer token says it was issued to "photo-app"
    And she can still renew her session through "photo-app"

  Scenario: A wrong password keeps Jane on the page, told what to do
    Given "photo-app" sends Jane to sign in
    When she signs in on the page as "jane" with password "wrong horse battery"
    Then the page tells her that the username or password is not right
    And she is not sent back to the application

  Scenario: Signed in once, Jane is not asked again by the next application
    Given "photo-app" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    When "notes-app" sends Jane to sign in
    Then she is sent back to "notes-app" with a code without being asked for her password

  Scenario: An application may ask Jane to sign in again even with a browser session
    Given "photo-app" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    When "notes-app" sends Jane to sign in, asking her to sign in again
    Then she is shown the sign-in page

  Scenario: An application that wants no page shown learns that Jane must sign in
    When "photo-app" sends Jane to sign in, asking for no page to be shown
    Then she is sent back to "photo-app" with the error "login_required"

  Scenario: A code works for one exchange only, and a second try ends the session it started
    Given "photo-app" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    And "photo-app" has exchanged the code for her tokens
    When "photo-app" exchanges the same code again
    Then the exchange is refused as an invalid grant
    And she can no longer renew her session through "photo-app"

  Scenario: A code that leaked is worthless without the application's secret for this sign-in
    Given "photo-app" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    When someone who intercepted the code exchanges it with a secret of their own
    Then the exchange is refused as an invalid grant

  Scenario: Another application cannot use a code given to the first
    Given "photo-app" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    When "notes-app" exchanges the code that was given to "photo-app"
    Then the exchange is refused as an invalid grant

  Scenario: A code not exchanged within a minute expires
    Given "photo-app" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    And 61 seconds pass
    When "photo-app" exchanges the code for her tokens
    Then the exchange is refused as an invalid grant

  Scenario: An application that does not protect the sign-in with PKCE is sent an error
    When "photo-app" sends Jane to sign in without PKCE
    Then she is sent back to "photo-app" with the error "invalid_request"

  Scenario: Gatehouse never sends Jane to an address not registered for the application
    When "photo-app" sends Jane to sign in, asking to send her back to "https://photos.example.com.evil.example/steal"
    Then she is shown a page saying the sign-in link cannot be trusted
    And she is not sent back to the application

  Scenario: Jane logs out through an application, which ends her browser session and the application's session
    Given "photo-app" sends Jane to sign in
    And she signs in on the page as "jane" with password "correct horse battery"
    And "photo-app" has exchanged the code for her tokens
    When "photo-app" sends Jane to log out, and she confirms on the page
    Then she is logged out
    And she can no longer renew her session through "photo-app"
    When "notes-app" sends Jane to sign in, asking for no page to be shown
    Then she is sent back to "notes-app" with the error "login_required"
