package dev.gatehouse.examples.spring;

import dev.gatehouse.examples.testkit.ForgedTokensContract;
import dev.gatehouse.examples.testkit.TokenForge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The locally verifying routes' checks attacked one by one, through the recipe's own discovery and decoder. */
class SpringForgedTokensIT extends ForgedTokensContract {

    private static TokenForge forge;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        forge = TokenForge.start();
        app = new SpringApplicationBuilder(ItemsApplication.class).run("--server.port=0", "--gatehouse.issuer=" + forge.issuer());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
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
        return "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
