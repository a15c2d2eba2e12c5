package dev.gatehouse.examples.testkit;

/** A recipe's server, started by its test: where it answers, and how it stops. */
public interface RecipeServer extends AutoCloseable {

    /** Where the recipe answers, e.g. {@code http://127.0.0.1:8081}. */
    String baseUrl();

    /** A server at {@code baseUrl} that {@code stop} stops. */
    static RecipeServer of(String baseUrl, Runnable stop) {
        return new RecipeServer() {
            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }

    /** Closes each of {@code servers} that was started (not null), the last started first. */
    static void closeAll(AutoCloseable... servers) throws Exception {
        for (int i = servers.length - 1; i >= 0; i--) {
            if (servers[i] != null) {
                servers[i].close();
            }
        }
    }
}
