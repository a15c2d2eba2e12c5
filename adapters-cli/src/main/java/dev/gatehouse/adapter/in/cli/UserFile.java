package dev.gatehouse.adapter.in.cli;

import java.util.Optional;

/** An import file read one user at a time: at most one user's record is in memory at once. */
interface UserFile extends AutoCloseable {

    /** The next user, or empty at the end; throws {@link ImportFileException} where the file is broken. */
    Optional<ImportEntry> next();

    @Override
    void close();
}
