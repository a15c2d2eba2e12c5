package dev.gatehouse.application.port.out;

/**
 * Thrown by a driven port whose store cannot be reached right now (the database is down, or every pooled
 * connection is busy past the timeout). Transient: the caller should answer "try again shortly", not
 * report a bug. Adapters translate their technology's connection failures into this one type.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
