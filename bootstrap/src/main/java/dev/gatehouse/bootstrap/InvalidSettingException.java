package dev.gatehouse.bootstrap;

/** A setting is missing or malformed; the message names it and says how to fix it, in one line. */
public final class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
