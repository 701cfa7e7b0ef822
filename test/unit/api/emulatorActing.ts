// The set-up the tests of TicketActing (what the panel does to a ticket) against the emulator share: the emulator in
// English with real clients (emulatorClients.ts), and a panel's acting part over the real ticket service, writes and
// draft store for a ticket of a given status. details/acting.emulator.test and secret-guard/guard.emulator.test use it.
import * as assert from 'assert';
import type { TicketClient } from '../../../src/api/client';
import type { StatusValue, TicketClientOptions } from '../../../src/api/types';
import { MemoryAccountScope } from '../../../src/common/accountScope';
import { DraftStore, type AccountDrafts } from '../../../src/features/details/draftStore';
import { accountRatings } from '../../../src/features/details/sentRatings';
import type { ActingState } from '../../../src/features/details/protocol';
import { TicketActing, type TicketActingDeps } from '../../../src/features/details/ticketActing';
import { createTicketService } from '../../../src/tickets';
import { TicketWrites } from '../../../src/tickets/ticketWrites';
import { emulatorClients, type EmulatorClients } from './emulatorClients';

/** What a test may set of the acting part's dependencies (the rest talk to the emulator). */
export type ActingHooks = Partial<Omit<TicketActingDeps, 'ticketId' | 'writes' | 'drafts' | 'reload'>> & {
  /** The account's storage (a second panel over the same drafts passes the first one's). */
  store?: MemoryAccountScope;
};

export interface EmulatorActing extends EmulatorClients {
  /** The acting part for the first seeded ticket in `status`, over a new client; `setTicket` done. */
  actingOn(status: StatusValue, hooks?: ActingHooks): ActingSetUp;
}

export interface ActingSetUp {
  ticketId: string;
  acting: TicketActing;
  client: TicketClient;
  store: MemoryAccountScope;
  /** The account's drafts, as the panel reads them. */
  drafts: AccountDrafts;
  /** How many times the acting part reloaded the ticket. */
  reloads(): number;
  /** Resolves once `check` holds for the acting state (polled; fails after 10 s naming `what`). */
  until(what: string, check: (s: ActingState) => boolean): Promise<void>;
  /** Until a write has ended with a notice. */
  idle(): Promise<void>;
}

/** Call inside a describe block: registers the emulator's hooks (English labels) and gives acting parts over it. */
export function emulatorActing(defaults: Partial<TicketClientOptions> = {}): EmulatorActing {
  const clients = emulatorClients({ retryBaseDelayMs: 10, ...defaults }, { seed: 'demo', language: 'en' });
  return {
    get emu() {
      return clients.emu;
    },
    client: (options) => clients.client(options),
    actingOn(status, hooks = {}) {
      const ticket = clients.emu.allTickets().find((t) => t.status === status);
      if (!ticket) throw new Error(`the demo seed has no ticket in status ${status}`);
      const client = clients.client();
      const service = createTicketService({ getClient: () => client });
      const { store = new MemoryAccountScope(), ...deps } = hooks;
      let reloads = 0;
      const acting: TicketActing = new TicketActing({
        post: () => true,
        confirmClose: () => Promise.resolve(true),
        pickFiles: () => Promise.resolve([]),
        askAboutSecrets: () => assert.fail('no text here holds credentials: the secret guard asks nothing'),
        ratings: accountRatings(store.memento),
        ...deps,
        ticketId: ticket.ticketId,
        writes: new TicketWrites(() => client, service),
        drafts: new DraftStore(() => store).forScope(store),
        reload: async () => {
          reloads++;
          acting.setTicket(await service.getTicket(ticket.ticketId, { force: true }));
        },
      });
      acting.setTicket({ status: { value: status, label: '' } });
      const until = async (what: string, check: (s: ActingState) => boolean): Promise<void> => {
        const deadline = Date.now() + 10_000;
        while (!check(acting.state())) {
          if (Date.now() > deadline)
            assert.fail(`timed out waiting for ${what}; state ${JSON.stringify(acting.state())}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      return {
        ticketId: ticket.ticketId,
        acting,
        client,
        store,
        drafts: new DraftStore(() => store).forScope(store),
        reloads: () => reloads,
        until,
        idle: () => until('the write to end', (s) => s.busy === undefined && s.notice !== undefined),
      };
    },
  };
}
