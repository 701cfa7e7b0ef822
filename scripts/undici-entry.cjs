// What dist/undici.js exports: only the dispatchers src/api/http.ts builds (loadUndici()). Bundling undici's index
// instead pulls in fetch, WebSocket, the cache and mock agents, and makes the .vsix ~70 KB larger.
// Add a class here before using it from src/api.
// As undici's own index.js does: request(), stream() … are installed on every dispatcher's prototype.
Object.assign(require('undici/lib/dispatcher/dispatcher').prototype, require('undici/lib/api'));

module.exports = {
  Agent: require('undici/lib/dispatcher/agent'),
  Client: require('undici/lib/dispatcher/client'),
  Pool: require('undici/lib/dispatcher/pool'),
  ProxyAgent: require('undici/lib/dispatcher/proxy-agent'),
  errors: require('undici/lib/core/errors'),
};
