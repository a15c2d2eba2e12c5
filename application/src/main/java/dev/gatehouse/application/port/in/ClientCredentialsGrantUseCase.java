package dev.gatehouse.application.port.in;

/** The client credentials grant (RFC 6749 section 4.4): a confidential client obtains a token about itself. */
public interface ClientCredentialsGrantUseCase {

    ClientCredentialsGrantResult issue(ClientCredentialsGrantCommand command);
}
