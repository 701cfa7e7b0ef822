// What dist/undici.js exports: only the dispatchers src/api/http.ts builds (loadUndici()). Bundling undici's index
// instead pulls in fetch, WebSocket, the cache and mock agents, and makes the .vsix ~70 KB larger.
// Add a class here before using it from src/api.
import Agent from 'undici/lib/dispatcher/agent.js';
import Client from 'undici/lib/dispatcher/client.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import Pool from 'undici/lib/dispatcher/pool.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import api from 'undici/lib/api/index.js';
import buildConnector from 'undici/lib/core/connect.js';
import errors from 'undici/lib/core/errors.js';

// As undici's own index.js does: request(), stream() … are installed on every dispatcher's prototype.
Object.assign(Dispatcher.prototype, api);

export { Agent, Client, Pool, ProxyAgent, buildConnector, errors };
