package dev.gatehouse.application.port.in;

/** Ends one session of the bearer's own account ("sign out" on one device), never another account's. */
public interface EndSessionUseCase {

    EndSessionResult endSession(EndSessionCommand command);
}
