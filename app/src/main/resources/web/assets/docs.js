// Swagger UI over this instance's /openapi.json; the key typed on the dashboard (if any) is offered for "Try it out".
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: false,
  onComplete: () => {
    const key = localStorage.getItem('streamlytics.apiKey');
    if (key) {
      window.ui.preauthorizeApiKey('apiKey', key);
    }
  },
});
