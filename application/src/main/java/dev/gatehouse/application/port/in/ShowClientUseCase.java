package dev.gatehouse.application.port.in;

/** One client registered as data, as stored (never its secret, which is not kept). */
public interface ShowClientUseCase {

    ShowClientResult show(ClientAction action);
}
