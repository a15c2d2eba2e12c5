// Gatehouse's Swagger UI set-up, as FastAPI's /docs: our document, the plain layout, and the Authorize dialog
// for the OAuth2 password flow the document declares (tokenUrl /token).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [SwaggerUIBundle.presets.apis],
    // No badge fetched from validator.swagger.io: the page loads nothing from anywhere else.
    validatorUrl: null,
    // A token kept in localStorage would outlive the tab and be readable by any script on this origin.
    persistAuthorization: false
  });
});
