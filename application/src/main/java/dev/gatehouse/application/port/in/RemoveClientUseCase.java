package dev.gatehouse.application.port.in;

/** Removes a client registered as data and ends every session started through it; audited. */
public interface RemoveClientUseCase {

    RemoveClientResult remove(ClientAction action);
}
