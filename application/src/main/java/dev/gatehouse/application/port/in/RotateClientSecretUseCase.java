package dev.gatehouse.application.port.in;

/** Replaces the secret of a confidential client registered as data with a new generated one; audited. */
public interface RotateClientSecretUseCase {

    RotateClientSecretResult rotate(ClientAction action);
}
