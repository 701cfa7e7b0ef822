// Search Tickets… in a real extension host against the emulator: a phrase that is only in a support note of a ticket
// read earlier is found by the local index (and opens at that note); a ticket never read is found by its description
// through the server's Keyword search, in the same result list.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AliyunTicketsTestApi, calmWorkbench, emulator, waitFor, onDemoTickets } from './harness';

const READ = 'SEARCH0001';
const UNREAD = 'SEARCH0002';
const PHRASE = 'rotate the gateway certificate before Friday';

describe('search', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;

  before(async () => {
    api = await onDemoTickets({ watcher: false });
    await emulator.addTicket(
      { ticketId: READ, title: 'Gateway errors', status: 2, description: 'The API gateway returns 502.' },
      [
        { content: 'Since this morning every call fails.', role: 'user' },
        { content: `Hello,\nPlease ${PHRASE}; the old one expires.`, role: 'agent' },
      ],
    );
    await emulator.addTicket({
      ticketId: UNREAD,
      title: 'Billing question',
      status: 1,
      description: 'Invoice quartz-lantern is missing.',
    });
  });

  after(calmWorkbench);

  it('finds a phrase only in a support note of a ticket read earlier, and opens at that note', async () => {
    await vscode.commands.executeCommand('aliyunTickets.openTicket', READ);
    await waitFor(
      'the conversation in the panel',
      () => api.panels.htmlFor(READ)?.includes('the old one expires'),
      20_000,
    );
    await calmWorkbench();
    await emulator.clearRequests();

    const results = await api.search.run('GATEWAY certificate');
    const hit = results.find((r) => r.ticketId === READ && r.focus);
    assert.ok(hit, `no note hit in ${JSON.stringify(results)}`);
    assert.ok(hit.label.includes(PHRASE), hit.label);
    const [start, end] = hit.highlights[0];
    assert.strictEqual(hit.label.slice(start, end).toLowerCase(), 'gateway');
    // The server was asked once (its Keyword search), never for the conversation: it came from the index.
    const requests = await emulator.requests();
    assert.deepStrictEqual(
      requests.map((r) => r.action),
      ['ListTickets'],
    );

    // Picking the row (what the quick pick's accept does): the panel opens scrolled to that note.
    api.search.open(hit);
    await waitFor('the page told to show the note', () => api.panels.focusedNote(READ) === hit.focus);
  });

  it('lists a description match from the server for a ticket never read, in the same list', async () => {
    const results = await api.search.run('quartz-lantern');
    const row = results.find((r) => r.ticketId === UNREAD);
    assert.ok(row, `no server match in ${JSON.stringify(results)}`);
    assert.match(row.detail ?? '', /server search/);
    assert.strictEqual(row.focus, '', 'opens at the description');
    assert.ok(!results.some((r) => r.ticketId === READ));
  });
});
