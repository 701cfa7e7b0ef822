// The entry of dist/undici.js: only the parts of undici that src/api uses. Bundling all of undici (fetch, WebSocket,
// cookies, caches, …) makes the first request of a session parse and run about twice as much code.
'use strict';
// As undici's own index does with all of lib/api, but only the two methods used: request() (upload.ts) and connect()
// (ProxyAgent's CONNECT) on every dispatcher.
Object.assign(require('undici/lib/dispatcher/dispatcher').prototype, {
  request: require('undici/lib/api/api-request'),
  connect: require('undici/lib/api/api-connect'),
});
module.exports = {
  Pool: require('undici/lib/dispatcher/pool'),
  ProxyAgent: require('undici/lib/dispatcher/proxy-agent'),
  buildConnector: require('undici/lib/core/connect'),
};
