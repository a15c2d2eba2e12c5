package dev.gatehouse.application.port.in;

/**
 * The signed-in person's answer on the consent page: allowed, the consent is remembered (added to what they allowed the
 * client before) and the authorization code issued; refused, the client is told {@code access_denied}.
 */
public interface AnswerConsentUseCase {

    AnswerConsentResult answer(AnswerConsentCommand command);
}
