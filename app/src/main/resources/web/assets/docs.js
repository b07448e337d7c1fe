// Swagger UI over this instance's /openapi.json; the key typed on the dashboard (if any) is offered for "Try it out".
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: false,
  validatorUrl: null, // no badge fetched from a public validator: the page makes no request beyond this instance
  onComplete: () => {
    const key = localStorage.getItem('streamlytics.apiKey');
    if (key) {
      window.ui.preauthorizeApiKey('apiKey', key);
    }
  },
});
