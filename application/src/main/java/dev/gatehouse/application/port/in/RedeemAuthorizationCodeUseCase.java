package dev.gatehouse.application.port.in;

/** Exchanges an authorization code and its PKCE verifier for tokens ({@code grant_type=authorization_code}). */
public interface RedeemAuthorizationCodeUseCase {

    RedeemAuthorizationCodeResult redeem(RedeemAuthorizationCodeCommand command);
}
