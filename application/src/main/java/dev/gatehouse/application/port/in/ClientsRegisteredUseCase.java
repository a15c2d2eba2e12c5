package dev.gatehouse.application.port.in;

/**
 * Whether any client application is registered, in the settings or as data: then every request to the token
 * endpoints must come from one of them. Asked per request, as a client registered on another instance counts at once.
 */
public interface ClientsRegisteredUseCase {

    boolean anyRegistered();
}
