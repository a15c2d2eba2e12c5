package dev.gatehouse.examples.spring;

import dev.gatehouse.examples.testkit.ForgedTokensContract;
import dev.gatehouse.examples.testkit.RecipeServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The locally verifying routes' checks attacked one by one, through the recipe's own discovery and decoder. */
class SpringForgedTokensIT extends ForgedTokensContract {

    @Override
    protected RecipeServer startRecipe(String issuer) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ItemsApplication.class)
                .run("--server.port=0", "--gatehouse.issuer=" + issuer);
        return RecipeServer.of("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort(), app::close);
    }
}
