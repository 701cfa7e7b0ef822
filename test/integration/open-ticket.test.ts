// Open Ticket: one details panel per ticket whose HTML carries the ticket and its conversation, in the real
// webview (read from the browser page, two iframes deep) as well as in the HTML the extension set.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { buildSeed } from '../emulator/seed';
import { statusLabel } from '../../src/tickets/display';
import {
  AliyunTicketsTestApi,
  calmWorkbench,
  emulator,
  ui,
  waitFor,
  skipWithoutBrowserPage,
  onDemoTickets,
} from './harness';

/** What the text looks like inside HTML (the panel escapes everything it shows). */
function asHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function detailTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('aliyunTickets.details'),
    );
}

describe('open ticket', function () {
  let api: AliyunTicketsTestApi;
  const seedNotes = buildSeed('demo', Date.now()).notes;

  before(async () => {
    api = await onDemoTickets();
  });

  after(calmWorkbench);

  it('opens the ticket typed into the Open Ticket box in a panel that shows its title and conversation', async function () {
    skipWithoutBrowserPage(this);
    const ticket = await emulator.ticket('0005PYGCW');
    const firstNote = seedNotes.get('0005PYGCW')![0].content.split('\n')[0];

    void vscode.commands.executeCommand('aliyunTickets.openTicket');
    await ui.answer(/Open Ticket/, '0005PYGCW');

    const html = await waitFor('the panel HTML with the ticket', () => {
      const h = api.panels.htmlFor('0005PYGCW');
      return h?.includes(asHtmlText(ticket.title)) ? h : undefined;
    });
    assert.ok(html.includes(asHtmlText(firstNote)), 'the panel carries the first message of the conversation');

    // What the person sees: the page inside the webview iframes.
    const page = await waitFor(
      'the webview page showing the ticket',
      async () =>
        (await ui.webviews()).find(
          (w) => w.html.includes(asHtmlText(ticket.title)) && w.html.includes(asHtmlText(firstNote)),
        ),
      20_000,
    );
    assert.ok(page);
    assert.strictEqual(detailTabs().length, 1);
    assert.match(detailTabs()[0].label, /0005PYGCW/);
  });

  it('says the typed ticket’s title and status on its row, and Enter opens it with nothing more asked', async function () {
    skipWithoutBrowserPage(this);
    // A ticket no other test of this suite opens: its panel must not be painted from a copy kept before.
    const others = new Set(['0005PYGCW', '001571BTXC', '003BOQFHOY']);
    const ticket = (await emulator.tickets()).find(
      (t) => !others.has(t.ticketId) && seedNotes.get(t.ticketId)?.length,
    )!;
    const firstNote = asHtmlText(seedNotes.get(ticket.ticketId)![0].content.split('\n')[0]);
    await calmWorkbench();
    api.ticketService.invalidate();
    await emulator.clearRequests();
    void vscode.commands.executeCommand('aliyunTickets.openTicket');
    await ui.quickInputShowing(/Open Ticket/, 30_000);
    await ui.fillQuickInput(ticket.ticketId);
    const row = await waitFor('the typed row to say the ticket’s title', async () =>
      (await ui.quickInput()).rows.find((r) => r.startsWith(ticket.ticketId) && r.includes(ticket.title.slice(0, 20))),
    );
    // (A row's text ends with the separator's label when the recent tickets follow it.)
    assert.ok(row.includes(` · ${statusLabel(ticket.status)}`), `the status after the title: ${row}`);
    // What was asked about this ticket (the Tickets view may list tickets meanwhile; the page asks for category names).
    const about = async () =>
      (await emulator.requests())
        .filter((r) => (r.body.TicketId ?? r.query.TicketId) === ticket.ticketId)
        .map((r) => r.action ?? '')
        .sort((a, b) => a.localeCompare(b));
    const asked = await about();
    assert.deepStrictEqual(asked, ['GetTicket', 'ListTicketNotes'], 'the ticket and its conversation, once each');

    await ui.pressInQuickInput('Enter');
    await waitFor('the panel with the ticket and its conversation', () => {
      const html = api.panels.htmlFor(ticket.ticketId);
      return !!html?.includes(asHtmlText(ticket.title)) && html.includes(firstNote);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepStrictEqual(await about(), asked, 'the panel asked the server nothing more about it');
    await calmWorkbench();
  });

  it('keeps one panel per ticket: a second ticket opens a second panel, the same ticket again reveals its panel', async () => {
    await vscode.commands.executeCommand('aliyunTickets.openTicket', '001571BTXC');
    await vscode.commands.executeCommand('aliyunTickets.openTicket', '0005PYGCW');
    await vscode.commands.executeCommand('aliyunTickets.openTicket', { ticketId: '001571BTXC' });
    await waitFor('both panels', () => api.panels.openTicketIds().length === 2);
    assert.deepStrictEqual(api.panels.openTicketIds().sort(), ['0005PYGCW', '001571BTXC']);
    await waitFor('two detail tabs', () => detailTabs().length === 2);
    const other = await emulator.ticket('001571BTXC');
    await waitFor('the second panel to show its own ticket', () =>
      api.panels.htmlFor('001571BTXC')?.includes(asHtmlText(other.title)),
    );
    assert.ok(!api.panels.htmlFor('001571BTXC')!.includes(asHtmlText((await emulator.ticket('0005PYGCW')).title)));
  });

  it('closing a panel forgets it; opening the ticket again makes a new one', async () => {
    const tab = detailTabs().find((t) => /001571BTXC/.test(t.label))!;
    await vscode.window.tabGroups.close(tab);
    await waitFor('the panel to be gone', () => !api.panels.openTicketIds().includes('001571BTXC'));
    await vscode.commands.executeCommand('aliyunTickets.openTicket', '001571BTXC');
    await waitFor('the panel again', () => api.panels.openTicketIds().includes('001571BTXC'));
  });

  it('a ticket read before paints from what is known at once, then refreshes in place', async () => {
    // 001571BTXC was read above, so its ticket and conversation are known; the server is slow this time.
    const title = asHtmlText((await emulator.ticket('001571BTXC')).title);
    const firstNote = asHtmlText(seedNotes.get('001571BTXC')![0].content.split('\n')[0]);
    await calmWorkbench();
    api.ticketService.invalidate();
    await emulator.inject({ kind: 'slow', delayMs: 3_000, action: 'GetTicket', times: 1 });
    await emulator.clearRequests();
    await vscode.commands.executeCommand('aliyunTickets.openTicket', '001571BTXC');
    const first = api.panels.htmlFor('001571BTXC') ?? '';
    assert.ok(first.includes(title) && first.includes(firstNote), 'the title and the conversation, before any answer');
    assert.ok(!first.includes('Loading ticket'), 'no loading view in front of what is known');
    assert.ok(!first.includes('Refreshing'), 'the refresh runs quietly behind it');
    await waitFor('the refresh to be answered', async () =>
      (await emulator.requests()).some(
        (r) => r.action === 'GetTicket' && (r.body.TicketId ?? r.query.TicketId) === '001571BTXC',
      ),
    );
    await waitFor('the panel to stay on the refreshed ticket', () => api.panels.htmlFor('001571BTXC')?.includes(title));
    await emulator.clearFaults();
  });

  it('a ticket not known, from a slow server: the page says Loading… at once, then shows the ticket in its place', async function () {
    // A panel whose answers come quickly gets one document, the ticket (bench:ui counts the documents VS Code's webview
    // host receives); one whose server is slow must not stay blank meanwhile.
    skipWithoutBrowserPage(this);
    const ticketId = '003BOQFHOY';
    const title = asHtmlText((await emulator.ticket(ticketId)).title);
    await calmWorkbench();
    api.ticketService.invalidate();
    await emulator.inject({ kind: 'slow', delayMs: 4_000, action: 'GetTicket', times: 1 });
    const asked = Date.now();
    await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
    const loading = await waitFor('the page saying it loads the ticket', async () =>
      (await ui.webviews()).find((w) => w.html.includes(`Loading ticket ${ticketId}`)),
    );
    assert.ok(!loading.html.includes(title), 'nothing of the ticket yet');
    assert.ok(Date.now() - asked < 3_500, 'Loading… was on screen before the slow answer came');
    await waitFor(
      'the ticket in its place',
      async () => (await ui.webviews()).some((w) => w.html.includes(title)),
      20_000,
    );
    await emulator.clearFaults();
    await calmWorkbench();
  });

  it('refuses a malformed id from a command link with a message, and opens nothing', async function () {
    skipWithoutBrowserPage(this);
    await calmWorkbench();
    const since = Date.now();
    await vscode.commands.executeCommand('aliyunTickets.openTicket', 'not a ticket!');
    await ui.waitForNotification(/Cannot open that ticket/, since);
    assert.deepStrictEqual(api.panels.openTicketIds(), []);
  });
  it('refuses an id the API cannot have (18 characters) with the reason, before any request', async function () {
    skipWithoutBrowserPage(this);
    await calmWorkbench();
    await emulator.clearRequests();
    const since = Date.now();
    await vscode.commands.executeCommand('aliyunTickets.openTicket', '0005PYGCW0005PYGCW');
    const message = await ui.waitForNotification(/Cannot open that ticket/, since);
    assert.match(message, /9 or 10 letters and digits.*this has 18/);
    assert.deepStrictEqual(api.panels.openTicketIds(), []);
    assert.deepStrictEqual(
      (await emulator.requests()).filter((r) => r.action === 'GetTicket'),
      [],
      'nothing was asked',
    );
  });

  it('the log says which ticket each GetTicket was for', async () => {
    await vscode.commands.executeCommand('aliyunTickets.openTicket', '001571BTXC');
    await waitFor('the GetTicket log line', () =>
      api.inspect.logLines().find((line) => /GetTicket 001571BTXC · HTTP 200/.test(line)),
    );
    await calmWorkbench();
  });
});
