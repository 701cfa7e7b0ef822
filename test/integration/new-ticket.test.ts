// New Ticket end to end in the extension host against the emulator: the form opens as a webview, loads products and
// categories, keeps the draft through a failed send, creates the ticket once, opens it in its panel and shows it in
// the Tickets view. From a selection the draft holds the fenced code with its path and lines, and nothing is sent
// before Submit. RequestIds get a hover and terminal links; ticket ids in the terminal become links.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TicketDraft } from '../../src/features/new-ticket/draft';
import { terminalLinksFor } from '../../src/features/new-ticket/requestLinks';
import { AliyunTicketsTestApi, calmWorkbench, emulator, ui, waitFor, onDemoTickets } from './harness';

const RID = 'C499BB0F-630D-5BE6-B3EA-5FCD95B85503';
type Node = { kind: string; ticket?: { ticketId: string } };

describe('new ticket', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;

  const creates = async () => (await emulator.requests()).filter((r) => r.action === 'CreateTicket');
  const posted = (type: string) => api.newTicket.form.postedMessages().filter((m) => m.type === type);

  /** Every ticket id the Tickets view shows (groups opened), once it has loaded. */
  async function treeTicketIds(): Promise<string[]> {
    const tree = api.explorer.treeDataProvider;
    const ids: string[] = [];
    const walk = async (node?: Node, depth = 0): Promise<void> => {
      for (const child of ((await tree.getChildren(node)) ?? []) as Node[]) {
        if (child.kind === 'ticket' && child.ticket) ids.push(child.ticket.ticketId);
        else if (depth < 2) await walk(child, depth + 1);
      }
    };
    await walk();
    return ids;
  }

  async function newTicketIdsSince(before: Set<string>): Promise<string[]> {
    return (await emulator.tickets()).map((t) => t.ticketId).filter((id) => !before.has(id));
  }

  before(async () => {
    api = await onDemoTickets();
    await api.newTicket.form.receive({ type: 'discard' });
  });

  after(async () => {
    await calmWorkbench();
  });

  it('opens the form, loads products in the display language and the categories of a product', async () => {
    await vscode.commands.executeCommand('aliyunTickets.newTicket');
    assert.ok(api.newTicket.form.isOpen());
    if (ui.available()) {
      const page = await waitFor(
        'the form page with its products',
        async () =>
          (await ui.webviews()).find(
            (w) => w.html.includes('New support ticket') && w.html.includes('Elastic Compute Service'),
          ),
        20_000,
      );
      assert.match(page.html, /<optgroup label="Elastic Computing">/, 'products are grouped by directory');
    } else {
      await api.newTicket.form.receive({ type: 'ready' });
    }
    await api.newTicket.form.receive({ type: 'loadCategories', productId: '4' });
    const categories = posted('categories').at(-1) as { categories: Array<{ categoryName: string }> } | undefined;
    assert.ok(categories?.categories.some((c) => c.categoryName === 'Renewal and billing'));
  });

  it('keeps the draft through a failed send, sends once, then creates the ticket, opens it and shows it in the Tickets view', async () => {
    const draft: Partial<TicketDraft> = {
      productId: '4',
      productName: 'Elastic Compute Service',
      categoryId: '7161',
      categoryName: 'Renewal and billing',
      severity: 2,
      title: 'Renewal of i-bp1 fails (integration)',
      description: 'Renewing fails with InvalidOrder.',
      secret: 'root password: hunter2',
    };
    const before = new Set((await emulator.tickets()).map((t) => t.ticketId));
    await emulator.clearRequests();
    await emulator.inject({ kind: 'status', status: 503, action: 'CreateTicket' });
    await api.newTicket.form.receive({ type: 'submit', draft });
    assert.strictEqual((await creates()).length, 1, 'one CreateTicket, not retried');
    assert.match(
      (posted('problems').at(-1) as { message?: string }).message ?? '',
      /probably not created: Submit sends it again\. The draft is kept\./,
    );
    assert.strictEqual((await api.newTicket.form.currentDraft()).title, draft.title, 'the draft survived the failure');
    assert.strictEqual((await api.newTicket.form.currentDraft()).secret, draft.secret);
    assert.ok(!api.inspect.storedState().includes('hunter2'), 'the sensitive field is not in globalState');

    await api.newTicket.form.receive({ type: 'submit', draft });
    const [ticketId] = await waitFor('the new ticket in the emulator', async () => {
      const ids = await newTicketIdsSince(before);
      return ids.length ? ids : undefined;
    });
    const created = await emulator.ticket(ticketId);
    assert.strictEqual(created.title, draft.title);
    assert.strictEqual((await creates()).length, 2, 'the second, explicit Submit sent it');
    await waitFor('the new ticket in its panel', () => api.panels.openTicketIds().includes(ticketId));
    await waitFor('the new ticket in the Tickets view', async () => (await treeTicketIds()).includes(ticketId), 20_000);
    assert.ok(!api.newTicket.form.isOpen(), 'the form closed');
    const cleared = await api.newTicket.form.currentDraft();
    assert.deepStrictEqual(
      [cleared.title, cleared.description, cleared.secret],
      ['', '', ''],
      'the draft is gone once the server confirmed',
    );
  });

  it('keeps the draft when the form is closed and brings it back with New Ticket; the sensitive field only in SecretStorage', async () => {
    await api.newTicket.form.receive({
      type: 'draftChanged',
      draft: { title: 'Half-typed title', description: 'Half-typed text', secret: 'db password: s3cr3t-draft' },
    });
    await api.newTicket.form.receive({ type: 'cancel' });
    assert.ok(!api.newTicket.form.isOpen(), 'Escape / Close closes the form');
    const stored = api.inspect.storedState();
    assert.ok(stored.includes('Half-typed text'), 'the draft is in globalState, which a window reload keeps');
    assert.ok(!stored.includes('s3cr3t-draft'), 'the sensitive field is not');

    const postedBefore = api.newTicket.form.postedMessages().length;
    await vscode.commands.executeCommand('aliyunTickets.newTicket');
    if (!ui.available()) await api.newTicket.form.receive({ type: 'ready' });
    const draftMessage = await waitFor(
      'the form to get the draft back',
      () =>
        api.newTicket.form
          .postedMessages()
          .slice(postedBefore)
          .find((m) => m.type === 'draft'),
      20_000,
    );
    assert.ok(
      draftMessage.type === 'draft' &&
        draftMessage.draft.description === 'Half-typed text' &&
        draftMessage.draft.secret === 'db password: s3cr3t-draft',
    );
    await api.newTicket.form.receive({ type: 'discard' });
    await calmWorkbench();
  });

  it('from a selection: the fenced code with its path and line range, nothing sent before Submit', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the tests run in a workspace folder');
    const file = path.join(folder, 'src', 'renew.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      ['// renew', 'const order = await renew(instanceId);', 'if (!order.ok) throw new Error(order.code);', ''].join(
        '\n',
      ),
    );
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    editor.selection = new vscode.Selection(1, 0, 2, 44);
    await emulator.clearRequests();
    await vscode.commands.executeCommand('aliyunTickets.createTicketFromSelection');
    const draft = await api.newTicket.form.currentDraft();
    assert.strictEqual(
      draft.description,
      'From src/renew.ts, lines 2-3:\n\n```typescript\nconst order = await renew(instanceId);\nif (!order.ok) throw new Error(order.code);\n```\n',
    );
    assert.strictEqual(
      draft.title,
      'if (!order.ok) throw new Error(order.code);',
      'the title is suggested from the selection: its error line, not the lead-in',
    );
    assert.ok(api.newTicket.form.isOpen());
    await new Promise((r) => setTimeout(r, 500));
    assert.strictEqual((await creates()).length, 0, 'nothing is sent before Submit');

    const before = new Set((await emulator.tickets()).map((t) => t.ticketId));
    await api.newTicket.form.receive({
      type: 'submit',
      // The person cleared the suggested title: the ticket is still named after the code, not "From src/renew.ts…".
      draft: { ...draft, productId: '4', categoryId: '7162', title: '' },
    });
    const [ticketId] = await waitFor('the ticket from the selection', async () => {
      const ids = await newTicketIdsSince(before);
      return ids.length ? ids : undefined;
    });
    assert.strictEqual(
      (await emulator.tickets()).find((t) => t.ticketId === ticketId)?.title,
      'if (!order.ok) throw new Error(order.code);',
    );
    await waitFor('its panel', () => api.panels.openTicketIds().includes(ticketId));
    const html = await waitFor(
      'the panel with the description',
      () => api.panels.htmlFor(ticketId)?.includes('src/renew.ts, lines 2-3') && api.panels.htmlFor(ticketId),
    );
    assert.ok(html);
  });

  it('offers "Create ticket about this request" on a RequestId in an editor and in the terminal; ticket ids in the terminal are links', async () => {
    const doc = await vscode.workspace.openTextDocument({
      content: `ERROR Forbidden.RAM RequestId: ${RID}\n`,
      language: 'log',
    });
    await vscode.window.showTextDocument(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(0, 40),
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n');
    assert.match(text, /Create ticket about this request/);
    assert.ok(text.includes('command:aliyunTickets.createTicketAboutRequest'));

    const links = terminalLinksFor(`$ aliyun ecs Renew ... RequestId: ${RID} (see ticket 0005PYGCW)`);
    assert.deepStrictEqual(
      links.map((l) => [l.text, l.tooltip]),
      [
        [RID, 'Create ticket about this request'],
        ['0005PYGCW', 'Open ticket 0005PYGCW'],
      ],
    );

    await api.newTicket.form.receive({ type: 'discard' });
    await vscode.commands.executeCommand('aliyunTickets.createTicketAboutRequest', {
      requestId: RID,
      text: `ERROR RequestId: ${RID}`,
    });
    const draft = await api.newTicket.form.currentDraft();
    assert.strictEqual(draft.title, `Request ${RID} failed`);
    assert.match(draft.description, new RegExp(`^Alibaba Cloud RequestId: ${RID}`));
    await api.newTicket.form.receive({ type: 'discard' });
    // The untitled log: closed without the "Save changes?" dialog.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
