// The client provider passes VS Code's http.proxy to the client (undici ignores VS Code's proxy patching), except for a
// local emulator endpoint. Real HTTP: a local proxy that records CONNECTs and refuses them, and the emulator.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { TicketApiError } from '../../../src/api/errors';
import { TicketClient } from '../../../src/api/client';
import { ClientProvider } from '../../../src/auth/clientProvider';
import type { StoredSignIn } from '../../../src/auth/credentialInput';
import { createExternalCredentialSources } from '../../../src/auth/externalCredentials';
import { DEMO_CREDENTIALS } from '../../emulator/credentials';
import { TicketEmulator } from '../../emulator/server';

const SIGN_IN: StoredSignIn = {
  kind: 'accessKey',
  accessKeyId: DEMO_CREDENTIALS.accessKeyId,
  accessKeySecret: DEMO_CREDENTIALS.accessKeySecret,
};

describe('auth/clientProvider http.proxy', function () {
  this.timeout(20000);
  let emu: TicketEmulator;
  let proxy: http.Server;
  const connects: string[] = [];

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'demo' });
    proxy = http.createServer();
    proxy.on('connect', (req: http.IncomingMessage, socket) => {
      connects.push(String(req.url));
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await emu.stop();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  });
  beforeEach(() => {
    connects.length = 0;
    emu.reset();
  });

  function provider(endpoint: string, proxyUrl: string) {
    return new ClientProvider({
      createClient: (options) => new TicketClient(options),
      readSession: async () => ({ accountId: 'a', signIn: SIGN_IN }),
      settings: () => ({ endpoint, signatureVersion: 'v3', proxy: proxyUrl }),
      sources: createExternalCredentialSources({}),
      onRequest: () => undefined,
    });
  }

  it('sends requests for a remote endpoint through the http.proxy setting', async () => {
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const clients = provider('https://ticket-api.invalid', proxyUrl);
    const client = (await clients.getClient())!;
    await assert.rejects(
      client.getTicket('0005PYGCW'),
      (error: unknown) => error instanceof TicketApiError && error.message.includes(proxyUrl.slice(7)),
    );
    assert.deepStrictEqual(connects, ['ticket-api.invalid:443']);
    const probe = clients.probeClient(DEMO_CREDENTIALS);
    await assert.rejects(probe.getTicket('0005PYGCW'));
    await probe.close();
    assert.strictEqual(connects.length, 2, 'the sign-in check goes through the proxy too');
    clients.dispose();
  });

  it('talks to a loopback emulator directly even when http.proxy is set', async () => {
    const clients = provider(emu.url, `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
    const ticket = await (await clients.getClient())!.getTicket('0005PYGCW');
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
    assert.strictEqual(connects.length, 0);
    clients.dispose();
  });
});
