// Open Ticket's look-up of the typed id: what the server says about it (over real HTTP, against the emulator), what
// the row then says (hostile titles made one plain line, in English and Chinese), and which ids are asked and when.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import { resetL10n } from '../../../src/common/l10n';
import {
  lookUpTicket,
  typedRowDescription,
  TypedTicketLookups,
  type TypedTicketLookup,
} from '../../../src/features/open-ticket/typedTicket';
import { createTicketService } from '../../../src/tickets/ticketService';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';
import { until, useEmulator } from '../emulator/helpers';
import { useLanguage } from '../l10nBundle';

describe('Open Ticket: the typed id looked up against the emulator', function () {
  this.timeout(30_000);
  // Started once, reset (faults, requests, tickets) before each test.
  const emulator = useEmulator();
  let emu: TicketEmulator;
  let client: TicketClient;

  beforeEach(() => {
    emu = emulator();
    client = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, maxAttempts: 1 });
  });
  afterEach(() => client.close());

  const actions = () => emu.requests.map((r) => r.action ?? '').sort((a, b) => a.localeCompare(b));

  it('finds the title and status, and leaves the ticket and its conversation for the panel: it opens with no request', async () => {
    const ticket = await client.getTicket('0005PYGCW');
    emu.clearRequests();
    const service = createTicketService({ getClient: () => client });
    const lookup = await lookUpTicket(service, '0005PYGCW', new AbortController().signal);
    assert.deepStrictEqual(lookup, { kind: 'found', title: ticket.title, status: ticket.status });
    assert.deepStrictEqual(actions(), ['GetTicket', 'ListTicketNotes']);

    emu.clearRequests();
    // What the panel asks when Enter comes (TicketPanel.fetch): both from the cache.
    const [again, notes] = await Promise.all([service.getTicket('0005PYGCW'), service.getNotes('0005PYGCW')]);
    assert.strictEqual(again.title, ticket.title);
    assert.ok(notes.length > 0);
    assert.deepStrictEqual(actions(), []);
  });

  it('says "not found" for an id the account has no ticket with', async () => {
    const service = createTicketService({ getClient: () => client });
    assert.deepStrictEqual(await lookUpTicket(service, '0009ZZZZZZ', new AbortController().signal), {
      kind: 'notFound',
    });
  });

  it('says nothing when it cannot know: signed out (no request), or a server that fails', async () => {
    const signedOut = createTicketService({ getClient: () => undefined });
    assert.deepStrictEqual(await lookUpTicket(signedOut, '0005PYGCW', new AbortController().signal), {
      kind: 'unknown',
    });
    assert.deepStrictEqual(actions(), []);

    emu.inject({ kind: 'status', status: 500, action: 'GetTicket', times: 1 });
    const service = createTicketService({ getClient: () => client });
    assert.deepStrictEqual(await lookUpTicket(service, '001571BTXC', new AbortController().signal), {
      kind: 'unknown',
    });
  });
});

describe('Open Ticket: the typed row', () => {
  afterEach(() => resetL10n());

  it('shows the title and our name of the status, a hostile title as one plain line', () => {
    const found: TypedTicketLookup = {
      kind: 'found',
      title: '$(alert) Disk full\nclick [here](command:aliyunTickets.signOut)',
      status: { value: 3, label: 'server label' },
    };
    const row = typedRowDescription(found, 'Open this ticket');
    assert.ok(!row.includes('\n'), row);
    assert.ok(!row.includes('$(alert)'), row);
    assert.match(row, /Disk full/);
    assert.match(row, / · Waiting for your feedback$/);
    assert.ok(!row.includes('server label'), 'our status names, not the server’s');
  });

  it('says "not found in this account", or what it said before when the server did not say', () => {
    assert.strictEqual(typedRowDescription({ kind: 'notFound' }, 'Open this ticket'), 'not found in this account');
    assert.strictEqual(typedRowDescription({ kind: 'unknown' }, 'Recent title'), 'Recent title');
    assert.strictEqual(typedRowDescription(undefined, 'Open this ticket'), 'Open this ticket');
  });

  it('speaks Chinese in a Chinese window', () => {
    useLanguage('zh-cn');
    assert.strictEqual(typedRowDescription({ kind: 'notFound' }, ''), '此账号中未找到');
    const row = typedRowDescription({ kind: 'found', title: '', status: { value: 6, label: '' } }, '');
    assert.doesNotMatch(row, /Completed|no title/, row);
  });
});

describe('Open Ticket: which typed ids are looked up', () => {
  /** A lookUp whose answers the test gives, with the ids asked and their signals. */
  function fakeServer() {
    const asked: { ticketId: string; signal: AbortSignal; answer: (lookup: TypedTicketLookup) => void }[] = [];
    const lookUp = (ticketId: string, signal: AbortSignal) =>
      new Promise<TypedTicketLookup>((answer) => asked.push({ ticketId, signal, answer }));
    return { asked, lookUp };
  }
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** A box that holds 0005PYGCW and has asked the fake server about it (5 ms after it was typed). */
  async function askedAbout0005() {
    const server = fakeServer();
    const answered: string[] = [];
    const lookups = new TypedTicketLookups(server.lookUp, (id) => answered.push(id), 5);
    lookups.typed('0005PYGCW');
    await until('asked', () => server.asked.length === 1);
    return { server, answered, lookups };
  }

  it('asks only for the id that stayed in the box, and reports its answer once', async () => {
    const server = fakeServer();
    const answered: string[] = [];
    const lookups = new TypedTicketLookups(server.lookUp, (id) => answered.push(id), 20);
    lookups.typed('0005PYGCW');
    lookups.typed('0005PYGCWA');
    await wait(60);
    assert.deepStrictEqual(
      server.asked.map((a) => a.ticketId),
      ['0005PYGCWA'],
    );
    server.asked[0].answer({ kind: 'notFound' });
    await until('the answer reported', () => answered.length === 1);
    assert.deepStrictEqual(lookups.result('0005PYGCWA'), { kind: 'notFound' });
    // Typed again: the answer is known, nothing is asked.
    lookups.typed(undefined);
    lookups.typed('0005PYGCWA');
    await wait(60);
    assert.strictEqual(server.asked.length, 1);
  });

  it('stops waiting for an id the box no longer holds; its late answer is not reported', async () => {
    const { server, answered, lookups } = await askedAbout0005();
    lookups.typed('001571BTXC');
    assert.strictEqual(server.asked[0].signal.aborted, true);
    server.asked[0].answer({ kind: 'found', title: 'late', status: undefined });
    await wait(20);
    assert.deepStrictEqual(answered, []);
    assert.strictEqual(lookups.result('0005PYGCW'), undefined);
  });

  it('keeps no "unknown" answer, so the id is asked again when typed again', async () => {
    const { server, lookups } = await askedAbout0005();
    server.asked[0].answer({ kind: 'unknown' });
    await wait(10);
    lookups.typed(undefined);
    lookups.typed('0005PYGCW');
    await until('asked again', () => server.asked.length === 2);
  });

  it('another account: the answer is dropped at once (the row redrawn without it) and the id asked again', async () => {
    const { server, answered, lookups } = await askedAbout0005();
    server.asked[0].answer({ kind: 'found', title: 'Account A’s ticket', status: undefined });
    await until('answered', () => answered.length === 1);
    lookups.forgetAll();
    assert.strictEqual(lookups.result('0005PYGCW'), undefined, 'nothing of the previous account is kept');
    assert.deepStrictEqual(answered, ['0005PYGCW', '0005PYGCW'], 'the row is drawn again at once');
    await until('asked again', () => server.asked.length === 2);
    server.asked[1].answer({ kind: 'notFound' });
    await until('answered again', () => answered.length === 3);
    assert.deepStrictEqual(lookups.result('0005PYGCW'), { kind: 'notFound' });
  });

  it('closed by Enter leaves the look-up running for the panel; closed otherwise aborts it; neither reports', async () => {
    for (const opening of [true, false]) {
      const { server, answered, lookups } = await askedAbout0005();
      lookups.close(opening);
      assert.strictEqual(server.asked[0].signal.aborted, !opening, `opening: ${opening}`);
      server.asked[0].answer({ kind: 'notFound' });
      lookups.typed('001571BTXC');
      await wait(20);
      assert.deepStrictEqual(answered, []);
      assert.strictEqual(server.asked.length, 1, 'a closed box asks nothing more');
    }
  });
});
