// Tickets the workspace's code waits on: ticket ids in its files are listed with their status and places, a
// completed ticket's reference gets an Information diagnostic with a quick fix that opens it, the statuses come from
// one ListTickets with TicketIdList (never a GetTicket per reference), excluded files are not read, and the setting
// turns it all off.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  AliyunTicketsTestApi,
  DEMO_CREDENTIALS,
  activateExtension,
  calmWorkbench,
  emulator,
  setSetting,
  waitFor,
} from './harness';

describe('tickets in this workspace (references)', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;
  let folder: vscode.Uri;
  const write = (name: string, text: string) =>
    vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), new TextEncoder().encode(text));

  before(async () => {
    api = await activateExtension();
    await emulator.reset();
    if (!(await api.auth.isSignedIn())) await api.auth.signInWith(DEMO_CREDENTIALS);
    await calmWorkbench();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the tests run with a folder open');
    folder = vscode.Uri.joinPath(root, 'references-test');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'node_modules'));
    await write('renew.ts', '// Workaround until ticket 0005PYGCW is fixed: retry the renewal.\nretryRenewal();\n');
    await write('upload.py', '# see ticket 001571BTXC (OSS 403 from CI)\nupload()\n# and ticket 0005PYGCW again\n');
    // search.exclude has **/node_modules by default: never read.
    await write('node_modules/dep.js', '// ticket 0009ZZZZ9 in a dependency\n');
  });

  after(async () => {
    await setSetting('references.enabled', undefined);
    await vscode.workspace.fs.delete(folder, { recursive: true });
    await calmWorkbench();
  });

  it('lists each referenced ticket with its status and places, asking one ListTickets with TicketIdList', async () => {
    await emulator.clearRequests();
    await api.references.refresh();
    // Only this suite's files (others may leave ids in the workspace).
    const tickets = api.references.tickets().filter((t) => t.places.some((p) => p.file.includes('references-test')));
    assert.deepStrictEqual(
      tickets.map((t) => [
        t.ticketId,
        t.summary?.status.value,
        t.places.map((p) => p.file.replace(/^.*references-test\//, '')),
      ]),
      [
        ['0005PYGCW', 6, ['renew.ts', 'upload.py']],
        ['001571BTXC', 3, ['upload.py']],
      ],
      'the excluded node_modules file is not read',
    );
    const requests = await emulator.requests();
    const lists = requests.filter((r) => r.body.TicketIdList !== undefined);
    assert.strictEqual(lists.length, 1, 'one ListTickets for both ids');
    assert.strictEqual(lists[0].action, 'ListTickets');
    assert.strictEqual(lists[0].body.TicketIdList, '0005PYGCW,001571BTXC');
    assert.strictEqual(requests.filter((r) => r.action === 'GetTicket').length, 0, 'never a GetTicket per reference');
  });

  it('marks each reference of the completed ticket with an Information diagnostic and a quick fix opening it', async () => {
    const renew = vscode.Uri.joinPath(folder, 'renew.ts');
    const diagnostics = await waitFor('the diagnostic in renew.ts', () => {
      const found = vscode.languages.getDiagnostics(renew).filter((d) => d.source === 'Alibaba Cloud Tickets');
      return found.length ? found : undefined;
    });
    assert.strictEqual(diagnostics.length, 1);
    assert.strictEqual(diagnostics[0].message, 'Ticket 0005PYGCW is completed: this workaround may be removable');
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Information);
    assert.deepStrictEqual(
      [diagnostics[0].range.start.line, diagnostics[0].range.start.character, diagnostics[0].range.end.character],
      [0, 27, 36],
    );
    const upload = vscode.Uri.joinPath(folder, 'upload.py');
    const inUpload = vscode.languages.getDiagnostics(upload).filter((d) => d.source === 'Alibaba Cloud Tickets');
    assert.deepStrictEqual(
      inUpload.map((d) => d.range.start.line),
      [2],
      'the ticket waiting for feedback (line 1) is not marked; the completed one (line 3) is',
    );

    const document = await vscode.workspace.openTextDocument(renew);
    await vscode.window.showTextDocument(document);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      renew,
      diagnostics[0].range,
    );
    const fix = actions.find((a) => a.title === 'Open ticket 0005PYGCW');
    assert.ok(fix?.command, 'the quick fix is offered');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitFor('the ticket panel', () => api.panels.openTicketIds().includes('0005PYGCW'));
  });

  it('the setting turns it off: nothing listed, no diagnostic, no request', async () => {
    await emulator.clearRequests();
    await setSetting('references.enabled', false);
    await api.references.refresh();
    assert.deepStrictEqual(api.references.tickets(), []);
    assert.deepStrictEqual(
      vscode.languages
        .getDiagnostics(vscode.Uri.joinPath(folder, 'renew.ts'))
        .filter((d) => d.source === 'Alibaba Cloud Tickets'),
      [],
      'the diagnostics are gone',
    );
    assert.match(api.references.viewMessage() ?? '', /is off/);
    assert.strictEqual((await emulator.requests()).filter((r) => r.body.TicketIdList !== undefined).length, 0);
  });
});
