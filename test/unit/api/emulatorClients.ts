// The set-up the tests against the emulator share: one emulator (demo seed) per describe block, over real HTTP, and
// TicketClients against it that are closed after each test, with the emulator's tickets, faults and request log reset;
// and rejection / rejectsWith, how they check a call that fails.
import * as assert from 'assert';
import { TicketEmulator, DEMO_CREDENTIALS, type EmulatorOptions } from '../../emulator/server';
import { TicketClient } from '../../../src/api/client';
import { TicketApiError } from '../../../src/api/errors';
import type { TicketClientOptions } from '../../../src/api/types';

export interface EmulatorClients {
  /** The running emulator (started in the block's before hook). */
  readonly emu: TicketEmulator;
  /** A client with the demo credentials against the emulator (unless `options` says otherwise), closed after the test. */
  client(options?: Partial<TicketClientOptions>): TicketClient;
}

/**
 * Call inside a describe block: registers its before, afterEach and after hooks. `start`: the emulator's options (the
 * demo seed by default); after each test it is reset to that seed and language.
 */
export function emulatorClients(
  defaults: Partial<TicketClientOptions> = {},
  start: EmulatorOptions = { seed: 'demo' },
): EmulatorClients {
  let running: TicketEmulator | undefined;
  const open: TicketClient[] = [];
  const emulator = (): TicketEmulator => {
    if (!running) throw new Error('the emulator is started in the before hook; use it inside a test');
    return running;
  };
  before(async () => {
    running = await TicketEmulator.start(start);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    running?.reset(start.seed, start.language);
  });
  after(async () => {
    await running?.stop();
  });
  return {
    get emu() {
      return emulator();
    },
    client(options = {}) {
      const c = new TicketClient({ endpoint: emulator().url, credentials: DEMO_CREDENTIALS, ...defaults, ...options });
      open.push(c);
      return c;
    },
  };
}

/** Awaits a call that must fail with a TicketApiError; returns the error for further checks. */
export async function rejection(promise: Promise<unknown>): Promise<TicketApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof TicketApiError, `expected TicketApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail, but it succeeded');
}

/** Awaits a call that must fail with a TicketApiError of `kind`; returns the error for further checks. */
export async function rejectsWith(promise: Promise<unknown>, kind: TicketApiError['kind']): Promise<TicketApiError> {
  const err = await rejection(promise);
  assert.strictEqual(err.kind, kind, `expected kind ${kind}, got ${err.kind} (${err.code}: ${err.message})`);
  return err;
}
