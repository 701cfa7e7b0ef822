// Offline in a real extension host against the emulator: a ticket read before opens with its last-known conversation
// when every request fails (the emulator drops each connection), says plainly that it is offline and as of when,
// offers no way to send, and shows the live ticket again by itself once the server answers. The Tickets view of a
// window opened offline shows its last list the same way.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AliyunTicketsTestApi, calmWorkbench, emulator, waitFor, onDemoTickets } from './harness';

const TICKET = 'OFFLINE001';

describe('offline', function () {
  this.timeout(120_000);
  let api: AliyunTicketsTestApi;

  before(async () => {
    api = await onDemoTickets({ watcher: false });
    await emulator.addTicket(
      { ticketId: TICKET, title: 'Disk full on db-1', status: 3, description: 'The data disk is full.' },
      [
        { content: 'Disk usage is at 100%.', role: 'user' },
        { content: 'Please expand the disk to 500 GB and tell us when done.', role: 'agent' },
      ],
    );
  });

  after(async () => {
    await emulator.clearFaults();
    await calmWorkbench();
  });

  it('a ticket read before opens with its conversation and says it is offline, then refreshes by itself', async () => {
    await vscode.commands.executeCommand('aliyunTickets.openTicket', TICKET);
    await waitFor('the conversation', () => api.panels.htmlFor(TICKET)?.includes('expand the disk to 500 GB'), 20_000);
    // Its category by name: the catalogue is read after the page painted.
    const categoryName = 'Elastic Compute Service / Renewal and billing';
    await waitFor('the category named', () => api.panels.htmlFor(TICKET)?.includes(categoryName), 20_000);
    assert.ok(api.panels.actingState(TICKET)?.actions.reply, 'online, the reply box is there');
    await api.lastKnown.flush();
    await calmWorkbench();
    // A new window's service would have nothing cached: drop the cache, then fail every request.
    api.ticketService.invalidate();
    await emulator.inject({ kind: 'drop', times: 10_000 });

    await vscode.commands.executeCommand('aliyunTickets.openTicket', TICKET);
    const html = await waitFor(
      'the offline copy',
      () => {
        const page = api.panels.htmlFor(TICKET);
        return page?.includes('Offline: as of') ? page : undefined;
      },
      60_000,
    );
    assert.match(html, /expand the disk to 500 GB/, 'the conversation is shown');
    assert.match(html, /Disk full on db-1/);
    assert.ok(html.includes(categoryName), 'offline, the category is still named, not shown as its bare id');
    assert.match(html, /class="banner warning offline"[^]*data-action="retry"/, 'offline banner with Retry');
    assert.ok(!api.panels.actingState(TICKET)?.actions.reply, 'nothing can be sent while offline');

    // The server answers again: Retry (what the timer also does) shows the live ticket.
    await emulator.clearFaults();
    api.panels.receiveFromPage(TICKET, { type: 'retry' });
    await waitFor('the live ticket', () => !api.panels.htmlFor(TICKET)?.includes('Offline: as of'), 30_000);
    assert.ok(api.panels.actingState(TICKET)?.actions.reply, 'the reply box is back');
  });

  /** The ticket ids the Tickets view shows, group by group, as VS Code asks for them. */
  async function ticketRows(): Promise<string[]> {
    const tree = api.explorer.treeDataProvider;
    const rows: string[] = [];
    type Node = { kind: string; ticket?: { ticketId: string } };
    for (const node of ((await tree.getChildren()) ?? []) as Node[]) {
      if (node.kind === 'ticket') rows.push(node.ticket!.ticketId);
      for (const child of (node.kind === 'group' ? ((await tree.getChildren(node)) ?? []) : []) as Node[])
        if (child.kind === 'ticket') rows.push(child.ticket!.ticketId);
    }
    return rows;
  }

  it('the Tickets view of a window opened offline shows its last list and says so; a refresh that works clears it', async () => {
    await emulator.clearFaults();
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    const online = await waitFor('the list', async () => ((await ticketRows()).length ? ticketRows() : undefined));
    assert.ok(online.includes(TICKET));
    // A new window: nothing cached and nothing on screen (the view starts over, as after a sign-in), and every request
    // dropped.
    await emulator.inject({ kind: 'drop', times: 10_000 });
    api.ticketService.invalidate();
    const offline = await waitFor(
      'the last list, offline',
      async () => {
        // Asking for the rows is what loads the view (as VS Code does when it is on screen).
        const rows = await ticketRows();
        return /^Offline: as of/.test(api.explorer.viewText().message ?? '') ? rows : undefined;
      },
      60_000,
    );
    assert.deepStrictEqual(offline, online, 'the same rows as before');
    assert.match(
      api.explorer.viewText().message ?? '',
      /^Offline: as of \d\d:\d\d \(.+\)\. Showing the tickets loaded then; they refresh by themselves when the server answers\.$/,
    );

    await emulator.clearFaults();
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    await waitFor('the live list', () => !api.explorer.viewText().message?.startsWith('Offline'), 30_000);
    assert.deepStrictEqual(await ticketRows(), online);
  });
});
