package dev.gatehouse.examples.fastapi;

import dev.gatehouse.examples.testkit.ForgedTokensContract;
import dev.gatehouse.examples.testkit.TokenForge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** main.py's checks attacked one by one, main.py run by uvicorn as in its README. */
class FastApiForgedTokensIT extends ForgedTokensContract {

    private static TokenForge forge;
    private static Uvicorn uvicorn;

    @BeforeAll
    static void start() throws Exception {
        forge = TokenForge.start();
        uvicorn = Uvicorn.start(forge.issuer());
    }

    @AfterAll
    static void stop() throws Exception {
        if (uvicorn != null) {
            uvicorn.close();
        }
        if (forge != null) {
            forge.close();
        }
    }

    @Override
    protected TokenForge forge() {
        return forge;
    }

    @Override
    protected String baseUrl() {
        return uvicorn.baseUrl();
    }

    @Override
    protected String protectedPath() {
        return "/users/me/";
    }
}
