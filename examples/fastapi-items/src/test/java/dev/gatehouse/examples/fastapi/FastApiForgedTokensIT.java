package dev.gatehouse.examples.fastapi;

import dev.gatehouse.examples.testkit.ForgedTokensContract;
import dev.gatehouse.examples.testkit.RecipeServer;

/** main.py's checks attacked one by one, main.py run by uvicorn as in its README. */
class FastApiForgedTokensIT extends ForgedTokensContract {

    @Override
    protected RecipeServer startRecipe(String issuer) throws Exception {
        return Uvicorn.start(issuer);
    }

    @Override
    protected String protectedPath() {
        return "/users/me/";
    }
}
