package dev.gatehouse.adapter.in.cli;

/**
 * A file that is not an export at all, or is broken somewhere (malformed JSON or CSV, a line or user record beyond
 * the size bound, unreadable bytes). The file is read through once before anything is written, so such a file stores
 * nothing.
 */
final class ImportFileException extends RuntimeException {

    ImportFileException(String message) {
        super(message);
    }

    ImportFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
