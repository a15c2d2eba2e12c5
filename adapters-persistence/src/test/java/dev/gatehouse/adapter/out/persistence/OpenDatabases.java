package dev.gatehouse.adapter.out.persistence;

import java.util.ArrayList;
import java.util.List;

/** The databases one test opened, so that they can all be closed after it, the last opened first. */
final class OpenDatabases {

    private final List<Database> opened = new ArrayList<>();

    synchronized Database open(DatabaseSettings settings) {
        Database database = Database.open(settings);
        opened.add(database);
        return database;
    }

    synchronized void closeAll() {
        RuntimeException failure = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        opened.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
