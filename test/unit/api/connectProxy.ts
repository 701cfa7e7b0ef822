// The part of a forward proxy the proxy tests share (proxy.test.ts: a plain CONNECT proxy; network.test.ts: a plain
// and a TLS-inspecting one): how it answers a CONNECT, as corporate proxies do, and the byte tunnel to the target.
import type * as http from 'http';
import * as net from 'net';

/** A CONNECT the proxy received: the target host:port and the Proxy-Authorization sent. */
export interface ConnectRecord {
  target: string;
  authorization?: string;
}

/**
 * Notes the CONNECT in `connects`, then answers 407 when `requireAuthorization` is set and not sent, 403 for a target
 * other than 127.0.0.1 (and closes the socket); else returns the target's port, for the caller to tunnel or inspect.
 */
export function acceptConnect(
  req: http.IncomingMessage,
  socket: net.Socket,
  connects: ConnectRecord[],
  requireAuthorization?: string,
): number | undefined {
  const authorization = req.headers['proxy-authorization'];
  connects.push({ target: String(req.url), authorization });
  if (requireAuthorization !== undefined && authorization !== requireAuthorization) {
    socket.end(
      'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n',
    );
    return undefined;
  }
  const match = /^127\.0\.0\.1:(\d+)$/.exec(String(req.url));
  if (!match) {
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    return undefined;
  }
  return Number(match[1]);
}

/**
 * Connects to 127.0.0.1:port, answers the CONNECT with 200 once connected and pipes bytes both ways; either end closing
 * closes the other. `track` gets the upstream socket (the test's server destroys what it tracks when it stops).
 */
export function tunnel(port: number, socket: net.Socket, head: Buffer, track: (socket: net.Socket) => void): void {
  const upstream = net.connect(port, '127.0.0.1', () => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  track(upstream);
  upstream.on('error', () => socket.destroy());
  upstream.on('close', () => socket.destroy());
  socket.on('close', () => upstream.destroy());
}
