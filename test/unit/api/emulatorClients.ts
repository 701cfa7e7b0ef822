// The set-up the client's test files share: one emulator (demo seed) per describe block, over real HTTP, and
// TicketClients against it that are closed after each test, with the emulator's tickets, faults and request log reset.
import { TicketEmulator, DEMO_CREDENTIALS } from '../../emulator/server';
import { TicketClient } from '../../../src/api/client';
import type { TicketClientOptions } from '../../../src/api/types';

export interface EmulatorClients {
  /** The running emulator (started in the block's before hook). */
  readonly emu: TicketEmulator;
  /** A client with the demo credentials against the emulator (unless `options` says otherwise), closed after the test. */
  client(options?: Partial<TicketClientOptions>): TicketClient;
}

/** Call inside a describe block: registers its before, afterEach and after hooks. */
export function emulatorClients(defaults: Partial<TicketClientOptions> = {}): EmulatorClients {
  let running: TicketEmulator | undefined;
  const open: TicketClient[] = [];
  const emulator = (): TicketEmulator => {
    if (!running) throw new Error('the emulator is started in the before hook; use it inside a test');
    return running;
  };
  before(async () => {
    running = await TicketEmulator.start({ seed: 'demo' });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    running?.reset();
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
