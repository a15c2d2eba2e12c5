package dev.gatehouse.application.port.in;

/** Registers a client application as data, usable at once on every instance; audited. */
public interface RegisterClientUseCase {

    RegisterClientResult register(RegisterClientCommand command);
}
