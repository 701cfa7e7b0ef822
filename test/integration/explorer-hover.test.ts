// The ticket explorer, hovers and document links in the real VS Code: providers registered for any text document,
// the cache shared (many hovers -> one request), settings applied live, the tree loaded and a ticket revealed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { markdownText } from '../../src/common/untrustedText';
import {
  AliyunTicketsTestApi,
  calmWorkbench,
  emulator,
  setSetting,
  sleep,
  ui,
  waitFor,
  onDemoTickets,
} from './harness';

async function hoversAt(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  return hovers.flatMap((hover) =>
    hover.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')),
  );
}

/** Changes a user setting and waits until this extension host sees the new value (the extension reacts to the same event). */
async function ticketLinks(document: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
  const links =
    (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri)) ?? [];
  return links.filter((l) => l.target?.scheme === 'command');
}

describe('explorer and hovers', function () {
  let api: AliyunTicketsTestApi;
  let document: vscode.TextDocument;
  const text = [
    '// Workaround until ticket 0005PYGCW is fixed',
    'released 2026-08-14 as v1.2.3, commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
    'bare id 001571BTXC here',
  ].join('\n');
  const idPosition = new vscode.Position(0, text.indexOf('0005PYGCW') + 3);

  before(async () => {
    api = await onDemoTickets();
    document = await vscode.workspace.openTextDocument({ language: 'typescript', content: text });
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await setSetting('hover.enabled', undefined);
    await setSetting('hover.requireContext', undefined);
    await setSetting('idPattern', undefined);
    await setSetting('explorer.groupByStatus', undefined);
    await calmWorkbench();
  });

  it('hovering a ticket id shows title, status, links; 20 hovers send one GetTicket', async () => {
    api.ticketService.invalidate('0005PYGCW');
    await emulator.clearRequests();
    const ticket = await emulator.ticket('0005PYGCW');
    const all = await Promise.all(Array.from({ length: 20 }, () => hoversAt(document, idPosition)));
    for (const contents of all) {
      const ours = contents.find((c) => c.includes('command:aliyunTickets.openTicket'));
      assert.ok(ours, `our hover is there: ${contents.join(' | ')}`);
      assert.ok(ours.includes(markdownText(ticket.title, 200)), 'the title, escaped');
      assert.ok(ours.includes('command:aliyunTickets.copyTicketId'), 'Copy ID link');
    }
    const gets = (await emulator.requests()).filter((r) => r.action === 'GetTicket');
    assert.strictEqual(gets.length, 1, 'one request for twenty hovers');
    // The MarkdownString VS Code renders: trusted for our two commands only, no HTML.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      idPosition,
    );
    const markdown = hovers
      .flatMap((h) => h.contents)
      .find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('aliyunTickets'));
    assert.ok(markdown);
    assert.deepStrictEqual(markdown.isTrusted, {
      enabledCommands: ['aliyunTickets.openTicket', 'aliyunTickets.copyTicketId'],
    });
    assert.ok(!markdown.supportHtml);
    // Cached now: another hover asks nothing.
    await hoversAt(document, idPosition);
    assert.strictEqual((await emulator.requests()).filter((r) => r.action === 'GetTicket').length, 1);
  });

  it('dates, versions and hashes get no hover; a bare id only when requireContext is off', async () => {
    for (const word of ['2026-08-14', 'v1.2.3', '9fceb02d']) {
      const contents = await hoversAt(document, new vscode.Position(1, text.split('\n')[1].indexOf(word) + 2));
      assert.ok(!contents.some((c) => c.includes('aliyunTickets')), `no hover on ${word}`);
    }
    const barePosition = new vscode.Position(2, 'bare id '.length + 2);
    assert.ok(!(await hoversAt(document, barePosition)).some((c) => c.includes('aliyunTickets')));
    await setSetting('hover.requireContext', false);
    await waitFor('a hover on the bare id', async () =>
      (await hoversAt(document, barePosition)).some((c) => c.includes('command:aliyunTickets.openTicket')),
    );
    await setSetting('hover.requireContext', undefined);
  });

  it('ticket ids are links that open the ticket', async () => {
    // Only the id next to "ticket": not the date, version, hash or bare id of the other lines.
    const ours = await waitFor('exactly one ticket link', async () => {
      const links = await ticketLinks(document);
      return links.length === 1 ? links : undefined;
    });
    assert.strictEqual(document.getText(ours[0].range), '0005PYGCW');
    assert.strictEqual(
      decodeURIComponent(ours[0].target!.toString(true)),
      'command:aliyunTickets.openTicket?["0005PYGCW"]',
    );
  });

  it('hover.enabled off removes hovers and links at once; on brings them back', async () => {
    await setSetting('hover.enabled', false);
    await waitFor(
      'no hover',
      async () => !(await hoversAt(document, idPosition)).some((c) => c.includes('aliyunTickets')),
    );
    await waitFor('no ticket link', async () => (await ticketLinks(document)).length === 0);
    await setSetting('hover.enabled', true);
    await waitFor('the hover again', async () =>
      (await hoversAt(document, idPosition)).some((c) => c.includes('command:aliyunTickets.openTicket')),
    );
  });

  it('an invalid idPattern warns and keeps the default working', async function () {
    const since = Date.now();
    await setSetting('idPattern', '([A-Z');
    if (ui.available()) await ui.waitForNotification(/not a valid regular expression/, since);
    assert.ok((await hoversAt(document, idPosition)).some((c) => c.includes('command:aliyunTickets.openTicket')));
    await setSetting('idPattern', undefined);
  });

  it('the Tickets view loads (one ListTickets per status group) and reveals a ticket', async () => {
    // Other suites run every contributed command, the group/flat toggles included: choose the grouped tree here.
    await setSetting('explorer.groupByStatus', true);
    await vscode.commands.executeCommand('workbench.view.extension.aliyunTickets');
    await emulator.clearRequests();
    // Refresh resolves when the tree has loaded again (past the short list cache).
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    const lists = (await emulator.requests()).filter((r) => r.action === 'ListTickets');
    const statuses = lists.map(
      (r) => ({ ...r.query, ...(r as { body?: Record<string, string> }).body })['StatusList.1'],
    );
    assert.deepStrictEqual(
      [...new Set(statuses)].sort(),
      ['assigned', 'confirmed', 'dealing', 'feedback', 'wait_confirm', 'wait_feedback'],
      `one ListTickets per status group: ${JSON.stringify(lists.map((r) => ({ ...r.query, ...(r as { body?: Record<string, string> }).body })))}`,
    );
    assert.strictEqual(
      await vscode.commands.executeCommand<boolean>('aliyunTickets.revealInExplorer', '001571BTXC'),
      true,
      'the ticket was found and revealed',
    );
    if (ui.available()) {
      await sleep(500); // let the tree paint the selection before the picture
      await ui.screenshot('explorer-revealed');
    }
  });
});
