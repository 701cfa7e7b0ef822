// A real distance on loopback: a throwaway TLS certificate, a TLS front for the (plain HTTP) emulator, and a latency
// proxy in front of that which delays every byte by half the round trip each way. The first bytes a client sends on a
// new connection wait one more round trip: on a real network the TCP handshake comes before them, on loopback it is
// free. Client -> latency proxy -> TLS front -> emulator: the TLS handshake crosses the proxy, so it costs what it costs
// over a real distance.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

/** A self-signed certificate for 127.0.0.1, made with openssl for this run only. */
export function throwawayCertificate() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(key),
    cert: readFileSync(cert),
    certFile: cert,
    keyFile: key,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/** Writes chunks to `socket` `delayMs` after they arrived, in order; `firstExtraMs` more for the first one. */
function delayedWriter(socket, delayMs, firstExtraMs = 0) {
  let lastAt = 0;
  let first = true;
  return (chunk, delivered) => {
    const at = Math.max(performance.now() + delayMs + (first ? firstExtraMs : 0), lastAt);
    first = false;
    lastAt = at;
    setTimeout(() => {
      if (!socket.destroyed) socket.write(chunk);
      delivered?.();
    }, at - performance.now());
  };
}

/**
 * Starts the TLS front and the latency proxy for `emulatorPort`. Returns the https URL clients use and the number of
 * TCP connections clients opened (each is one TCP handshake).
 */
export async function startDistance(emulatorPort, { rttMs = 100, certificate }) {
  const sockets = new Set();
  const track = (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const front = tls.createServer({ key: certificate.key, cert: certificate.cert, minVersion: 'TLSv1.2' }, (clear) => {
    track(clear);
    const upstream = net.connect(emulatorPort, '127.0.0.1');
    track(upstream);
    clear.pipe(upstream).pipe(clear);
    clear.on('close', () => upstream.destroy());
    upstream.on('close', () => clear.destroy());
  });
  const frontPort = await listen(front);
  let connections = 0;
  // Round trips on the critical path, counted from causality rather than the clock (so a busy machine does not inflate
  // them): every flight of data from the client has a depth, 1 + the deepest flight whose answer had reached the
  // client before it left; a connection's first flight adds 1 more for the TCP handshake. An action's round trips are
  // the deepest flight it sent. Parallel requests on fresh connections overlap; a request that waits for another adds.
  let deliveredDepth = 0;
  let deepest = 0;
  const proxy = net.createServer((client) => {
    connections++;
    let flight; // the connection's current flight: { depth }
    let clientSpokeLast = false;
    let opened = true;
    client.on('data', () => {
      if (clientSpokeLast) return;
      clientSpokeLast = true;
      flight = { depth: 1 + deliveredDepth + (opened ? 1 : 0) };
      opened = false;
      deepest = Math.max(deepest, flight.depth);
    });
    track(client);
    const upstream = net.connect(frontPort, '127.0.0.1');
    track(upstream);
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    const toServer = delayedWriter(upstream, rttMs / 2, rttMs);
    const toClient = delayedWriter(client, rttMs / 2);
    client.on('data', toServer);
    upstream.on('data', (chunk) => {
      clientSpokeLast = false;
      const answered = flight;
      toClient(chunk, () => {
        if (answered) deliveredDepth = Math.max(deliveredDepth, answered.depth);
      });
    });
    client.on('close', () => setTimeout(() => upstream.destroy(), rttMs / 2));
    upstream.on('close', () => setTimeout(() => client.destroy(), rttMs / 2));
  });
  const proxyPort = await listen(proxy);
  return {
    url: `https://127.0.0.1:${proxyPort}`,
    get connections() {
      return connections;
    },
    /** Starts counting an action's round trips (call when nothing is in flight). */
    startAction() {
      deliveredDepth = 0;
      deepest = 0;
    },
    /** Round trips on the critical path since startAction(). */
    roundTrips() {
      return deepest;
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => front.close(r))]);
    },
  };
}
