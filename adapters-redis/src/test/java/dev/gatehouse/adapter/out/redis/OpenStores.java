package dev.gatehouse.adapter.out.redis;

import java.util.ArrayList;
import java.util.List;

/** The Redis stores a test opened, closed together after it. */
final class OpenStores {

    private final List<RedisStore> open = new ArrayList<>();

    synchronized RedisStore open(RedisSettings settings) {
        RedisStore store = RedisStore.open(settings);
        open.add(store);
        return store;
    }

    synchronized void closeAll() {
        open.forEach(RedisStore::close);
        open.clear();
    }
}
