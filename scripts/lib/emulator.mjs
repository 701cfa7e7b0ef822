// Starts the Ticket API emulator (compiled by `npm run compile` to out/test/emulator) in this process.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './paths.mjs';

const require = createRequire(import.meta.url);
const SERVER = path.join(ROOT, 'out', 'test', 'emulator', 'server.js');
const CREDENTIALS = path.join(ROOT, 'out', 'test', 'emulator', 'credentials.js');

function loadEmulatorModule() {
  if (!existsSync(SERVER)) throw new Error('out/test/emulator/server.js is missing: run `npm run compile` first');
  return require(SERVER);
}

/** The emulator's fixed demo keys (they work only against the emulator). */
export function emulatorCredentials() {
  const mod = existsSync(CREDENTIALS) ? require(CREDENTIALS) : loadEmulatorModule();
  return {
    DEMO_CREDENTIALS: mod.DEMO_CREDENTIALS,
    STS_CREDENTIALS: mod.STS_CREDENTIALS,
    EXPIRED_STS_CREDENTIALS: mod.EXPIRED_STS_CREDENTIALS,
    OTHER_ACCOUNT_CREDENTIALS: mod.OTHER_ACCOUNT_CREDENTIALS,
  };
}

/** { url, stop(), ... } on 127.0.0.1 and an ephemeral port. */
export async function startEmulator({ seed = 'demo', host } = {}) {
  const { TicketEmulator } = loadEmulatorModule();
  return TicketEmulator.start({ port: 0, seed, ...(host ? { host } : {}) });
}
