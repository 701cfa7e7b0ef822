/* eslint-disable no-template-curly-in-string -- the templates' placeholders are written ${name}, as users write them */
// Team templates and saved queries from the workspace's `.vscode/aliyun-tickets.json`, in the extension host against
// the emulator: Create Ticket from Selection offers the templates first and the form starts from the one picked (its
// skeleton filled, its product and category chosen from the catalogue, its severity set); a hostile name draws no icon
// in the quick pick; a broken file gets a warning that says where and New Ticket still opens; the Filter offers the
// saved queries; the product an error's facts name is chosen in the form.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AliyunTicketsTestApi, calmWorkbench, onDemoTickets, skipWithoutBrowserPage, ui, waitFor } from './harness';

const TEAM_FILE = {
  templates: [
    {
      name: 'RDS slow queries',
      product: 'RDS',
      category: 'performance',
      severity: 'urgent',
      titlePrefix: '[RDS]',
      description: ['Instance id: ', '', 'Seen at ${file}, lines ${lines}:', '${selection}'],
    },
    { name: '$(zap) Evil [run](command:workbench.action.quit)\u202E', description: 'x' },
  ],
  savedQueries: [{ name: 'Waiting on us', statuses: ['wait_feedback'], keyword: 'timeout', created: 'last30' }],
};

describe('team templates and saved queries (.vscode/aliyun-tickets.json)', function () {
  this.timeout(90_000);
  let api: AliyunTicketsTestApi;
  let folder: vscode.Uri;
  const teamFile = () => vscode.Uri.joinPath(folder, '.vscode', 'aliyun-tickets.json');
  const writeTeamFile = (text: string) => vscode.workspace.fs.writeFile(teamFile(), new TextEncoder().encode(text));

  before(async function () {
    skipWithoutBrowserPage(this);
    api = await onDemoTickets();
    folder = vscode.workspace.workspaceFolders![0].uri;
    await api.newTicket.form.receive({ type: 'discard' });
  });

  afterEach(async () => {
    await ui.pressInQuickInput('Escape').catch(() => undefined);
    await api.newTicket.form.receive({ type: 'discard' });
  });

  after(async () => {
    await vscode.workspace.fs.delete(teamFile()).then(undefined, () => undefined);
    await vscode.commands.executeCommand('aliyunTickets.explorer.clearFilter');
    await calmWorkbench();
  });

  it('Create Ticket from Selection offers the templates first; the one picked fills the form, product and category chosen', async () => {
    await writeTeamFile(JSON.stringify(TEAM_FILE, null, 2));
    const file = vscode.Uri.joinPath(folder, 'db', 'slow.sql');
    await vscode.workspace.fs.writeFile(
      file,
      new TextEncoder().encode('-- report\nSELECT * FROM orders\nWHERE x = 1;\n'),
    );
    const editor = await vscode.window.showTextDocument(file);
    editor.selection = new vscode.Selection(1, 0, 2, 12);
    void vscode.commands.executeCommand('aliyunTickets.createTicketFromSelection');
    const shown = await ui.quickInputShowing(/start from a team template/);
    assert.strictEqual(shown.rows[0]?.startsWith('RDS slow queries'), true, JSON.stringify(shown.rows));
    assert.ok(shown.rows.some((row) => /Blank ticket/.test(row)));
    // The hostile name is shown as its characters: the $( is broken, so no icon is drawn in its place.
    const evil = shown.rows.find((row) => row.includes('(zap) Evil'));
    assert.ok(evil && !evil.includes('$(zap)') && !evil.includes('\u202E'), JSON.stringify(shown.rows));
    assert.strictEqual(api.newTicket.form.isOpen(), false, 'the form waits for the choice');

    await ui.answer(/start from a team template/, 'RDS slow');
    const draft = await waitFor('the draft from the template', async () => {
      const d = await api.newTicket.form.currentDraft();
      return d.categoryId ? d : undefined;
    });
    assert.deepStrictEqual(
      [draft.productId, draft.productName, draft.categoryId, draft.categoryName, draft.severity],
      ['26', 'ApsaraDB RDS', '7201', 'Performance', 2],
    );
    assert.strictEqual(draft.title, '[RDS] SELECT * FROM orders');
    assert.strictEqual(
      draft.description,
      'Instance id:\n\nSeen at db/slow.sql, lines 2-3:\n```sql\nSELECT * FROM orders\nWHERE x = 1;\n```\n',
    );
    // The draft is written before the form's panel opens: wait for the panel, not only the draft.
    await waitFor('the form open', () => api.newTicket.form.isOpen());
  });

  it('a draft in progress comes back as it is: no template offered', async () => {
    await api.newTicket.form.receive({
      type: 'draftChanged',
      draft: { ...(await api.newTicket.form.currentDraft()), description: 'mine' },
    });
    await vscode.commands.executeCommand('aliyunTickets.newTicket');
    assert.strictEqual((await api.newTicket.form.currentDraft()).description, 'mine');
    assert.strictEqual((await ui.quickInput()).visible, false);
  });

  it('a broken file: a warning that says where, and New Ticket opens the form as without templates', async () => {
    const since = Date.now();
    await writeTeamFile('{\n  "templates": [\n    { "name": "A" ]\n}\n');
    await vscode.commands.executeCommand('aliyunTickets.newTicket');
    await waitFor('the form open', () => api.newTicket.form.isOpen());
    const text = await ui.waitForNotification(/team file/, since);
    assert.match(
      text,
      /\.vscode\/aliyun-tickets\.json has problems; the rest of it is used\. It is not valid JSON \(line 3, column \d+\)/,
    );
  });

  it('the Tickets view’s Filter offers the saved queries; one pick applies its statuses, keyword and dates', async () => {
    await writeTeamFile(JSON.stringify(TEAM_FILE));
    void vscode.commands.executeCommand('aliyunTickets.explorer.filter');
    await ui.answer(/saved queries/, 'Waiting on us');
    const description = await waitFor('the filter applied', () =>
      /timeout/.test(api.explorer.viewText().description ?? '') ? api.explorer.viewText().description : undefined,
    );
    assert.match(description ?? '', /Waiting for your feedback · “timeout” · \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d/);
  });

  it('Create Ticket about This Request chooses the product the error names (HostId ecs.…): written and selected', async () => {
    await vscode.workspace.fs.delete(teamFile());
    const requestId = '7A2B9C3D-1111-4E5F-8A9B-0C1D2E3F4A5B';
    const envelope = JSON.stringify({
      RequestId: requestId,
      Code: 'InvalidInstance.NotFound',
      HostId: 'ecs.cn-hangzhou.aliyuncs.com',
      Message: 'The instance does not exist.',
    });
    await vscode.commands.executeCommand('aliyunTickets.createTicketAboutRequest', { requestId, text: envelope });
    const draft = await waitFor('the draft about the request', async () => {
      const d = await api.newTicket.form.currentDraft();
      return d.productId ? d : undefined;
    });
    assert.deepStrictEqual([draft.productId, draft.productName], ['4', 'Elastic Compute Service']);
    assert.match(draft.description, /Product \(guessed\): Elastic Compute Service \(ECS\)/);
  });
});
