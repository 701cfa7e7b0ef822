// Several accounts in the real extension host: two saved sign-ins (a long-term key following the endpoint setting,
// and an STS key on its own site), switching between them, every cache of the other account dropped (the emulator's
// request log shows the other key's requests), the open panel reloaded, and signing out of one.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  AliyunTicketsTestApi,
  DEMO_CREDENTIALS,
  STS_CREDENTIALS,
  activateExtension,
  calmWorkbench,
  emulator,
  skipWithoutBrowserPage,
  testEnv,
  ui,
  waitFor,
} from './harness';

/** The STS key sends its token in x-acs-security-token (recorded as "<redacted>"); the long-term key sends none. */
const byStsKey = (r: { headers: Record<string, string> }) => 'x-acs-security-token' in r.headers;

describe('accounts: several sign-ins, switching, sites', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;
  /** The same emulator under another name: the second account's "site" (its requests carry this Host). */
  let otherSite: string;

  before(async () => {
    api = await activateExtension();
    otherSite = testEnv.emulatorUrl.replace('127.0.0.1', 'localhost');
  });

  beforeEach(async () => {
    while (await api.auth.isSignedIn()) await api.auth.signOut();
    await emulator.reset();
    await calmWorkbench();
  });

  after(async () => {
    while (await api.auth.isSignedIn()) await api.auth.signOut();
    await calmWorkbench();
  });

  it("keeps two sign-ins, each labelled with its site; switching drops the other account's caches and reloads the panel", async () => {
    await api.auth.signInWith(DEMO_CREDENTIALS);
    await api.ticketService.getTicket('0005PYGCW');
    await vscode.commands.executeCommand('aliyunTickets.openTicket', '0005PYGCW');
    await waitFor('the panel', async () => (api.panels.htmlFor('0005PYGCW')?.includes('0005PYGCW') ? true : undefined));

    await api.auth.signInWith(STS_CREDENTIALS, otherSite);
    const accounts = api.accounts.list();
    assert.deepStrictEqual(
      accounts.map((a) => [a.label, a.endpoint, a.active]),
      [
        ['AccessKey …W9pK', undefined, false],
        ['Temporary AccessKey …VbT7', otherSite, true],
      ],
    );
    // No secret in the account list.
    assert.ok(!JSON.stringify(accounts).includes(STS_CREDENTIALS.accessKeySecret));
    // The Tickets view's title names the account shown (VS Code keeps a title on screen whether the view has a
    // header of its own or is alone in the sidebar, where no description is shown).
    const title = await waitFor('the view naming the account', () => {
      const text = api.explorer.viewText().title;
      return text?.includes('Temporary AccessKey …VbT7') ? text : undefined;
    });
    assert.match(title, /^Tickets · Temporary AccessKey …VbT7 · localhost:\d+$/, "the view names the account's site");

    // The cached ticket of the first account is not served: a new request goes out with the STS key to its site.
    await emulator.clearRequests();
    await api.ticketService.getTicket('0005PYGCW');
    const asSts = await waitFor('GetTicket with the STS key', async () => {
      const found = (await emulator.requests()).filter((r) => r.action === 'GetTicket' && byStsKey(r));
      return found.length ? found : undefined;
    });
    assert.ok(
      asSts.every((r) => r.headers.host?.startsWith('localhost:')),
      "requests go to the second account's site",
    );
    // The open panel was reloaded with the new account: its conversation request went out with the STS key.
    await waitFor('the panel reloading with the STS key', async () =>
      (await emulator.requests()).some((r) => r.action === 'ListTicketNotes' && byStsKey(r)) ? true : undefined,
    );

    // Switch back: the first key, the setting's site, and again no cache of the other account.
    const first = accounts.find((a) => !a.active)!;
    await emulator.clearRequests();
    await api.accounts.switchTo(first.id);
    assert.strictEqual(api.accounts.list().find((a) => a.active)?.id, first.id);
    await api.ticketService.getTicket('0005PYGCW');
    const asDemo = await waitFor('GetTicket with the long-term key', async () => {
      const found = (await emulator.requests()).filter((r) => r.action === 'GetTicket');
      return found.length ? found : undefined;
    });
    assert.ok(
      asDemo.every((r) => !byStsKey(r)),
      'after switching back, requests use the first key',
    );
    assert.ok(
      asDemo.every((r) => r.headers.host?.startsWith('127.0.0.1:')),
      "and the endpoint setting's site",
    );
    await waitFor('the view naming the first account', () =>
      api.explorer.viewText().title?.startsWith('Tickets · AccessKey …W9pK') ? true : undefined,
    );
  });

  it('signing in again with the same key replaces its account instead of adding one', async () => {
    await api.auth.signInWith(DEMO_CREDENTIALS);
    await api.auth.signInWith(DEMO_CREDENTIALS);
    assert.strictEqual(api.accounts.list().length, 1);
    // One account: the status bar names it; the view has its own name again.
    await waitFor('the view named Tickets alone', () => api.explorer.viewText().title === 'Tickets' || undefined);
  });

  it('signs out of one account: the other stays and is shown; signing out of the last one signs out', async () => {
    await api.auth.signInWith(DEMO_CREDENTIALS);
    await api.auth.signInWith(STS_CREDENTIALS, otherSite);
    const sts = api.accounts.list().find((a) => a.active)!;
    const demo = api.accounts.list().find((a) => !a.active)!;

    // Not the shown one: the shown account stays.
    await api.auth.signOut(demo.id);
    assert.deepStrictEqual(
      api.accounts.list().map((a) => a.id),
      [sts.id],
    );
    assert.strictEqual(await api.auth.isSignedIn(), true);

    await api.auth.signInWith(DEMO_CREDENTIALS);
    const demoAgain = api.accounts.list().find((a) => a.active)!;
    // The shown one: the other becomes shown, and its key is used.
    await api.auth.signOut(demoAgain.id);
    assert.deepStrictEqual(
      api.accounts.list().map((a) => [a.id, a.active]),
      [[sts.id, true]],
    );
    await emulator.clearRequests();
    await api.ticketService.getTicket('0005PYGCW', { force: true });
    assert.ok((await emulator.requests()).filter((r) => r.action === 'GetTicket').every(byStsKey));

    await api.auth.signOut();
    assert.strictEqual(await api.auth.isSignedIn(), false);
    assert.deepStrictEqual(api.accounts.list(), []);
    await assert.rejects(
      api.ticketService.getTicket('0005PYGCW', { force: true }),
      (error: { kind?: string }) => error.kind === 'signedOut',
    );
  });

  it("Switch Account (the status bar's command) lists every account with Add and Sign Out, and switches to the one picked", async function () {
    skipWithoutBrowserPage(this);
    await api.auth.signInWith(DEMO_CREDENTIALS);
    await api.auth.signInWith(STS_CREDENTIALS, otherSite);
    const done = vscode.commands.executeCommand('aliyunTickets.switchAccount');
    const pick = await waitFor('the Switch Account list', async () => {
      const state = await ui.quickInput();
      return state.visible && /Switch Account/.test(state.title) && state.rows.length >= 4 ? state : undefined;
    });
    const rows = pick.rows.join('\n');
    assert.match(rows, /AccessKey …W9pK/);
    assert.match(rows, /Temporary AccessKey …VbT7/);
    assert.match(rows, /localhost:\d+/, 'each account shows its site');
    assert.match(rows, /Add Account/);
    assert.match(rows, /Sign Out of Temporary AccessKey …VbT7/);
    assert.ok(!rows.includes(STS_CREDENTIALS.accessKeySecret));
    await ui.fillQuickInput('W9pK');
    await ui.pressInQuickInput('Enter');
    await done;
    assert.strictEqual(api.accounts.list().find((a) => a.active)?.label, 'AccessKey …W9pK');
  });

  it('Sign In says the site in the AccessKey ID box; its globe button picks another site, keeping what was typed', async function () {
    skipWithoutBrowserPage(this);
    const result = vscode.commands.executeCommand<boolean>('aliyunTickets.signIn');
    const box = await ui.quickInputShowing(/AccessKey ID/);
    assert.match(box.message, /Site: 127\.0\.0\.1:\d+/, `the box names the setting's site: ${box.message}`);
    await ui.fillQuickInput(DEMO_CREDENTIALS.accessKeyId);
    await ui.clickQuickInputButton('Choose another site');
    const sites = await waitFor('the site list', async () => {
      const state = await ui.quickInput();
      return state.visible && /Site/.test(state.title) && state.rows.length >= 4 ? state : undefined;
    });
    const rows = sites.rows.join('\n');
    for (const site of ['China site', 'International site', 'Japan site', 'Custom endpoint'])
      assert.ok(rows.includes(site), `${site} is offered: ${rows}`);
    assert.match(sites.rows[0], /aliyunTickets\.endpoint setting/, "the setting's site comes first");
    // A custom endpoint: the same emulator under another name.
    await ui.fillQuickInput('Custom endpoint');
    await ui.pressInQuickInput('Enter');
    await ui.answer(/Custom Endpoint/, otherSite);
    const again = await ui.quickInputShowing(/AccessKey ID/);
    assert.strictEqual(again.value, DEMO_CREDENTIALS.accessKeyId, 'what was typed is kept');
    assert.match(again.message, /Site: localhost:\d+/);
    await ui.pressInQuickInput('Enter');
    await ui.answer(/AccessKey Secret/, DEMO_CREDENTIALS.accessKeySecret);
    assert.strictEqual(await result, true);
    assert.deepStrictEqual(
      api.accounts.list().map((a) => [a.label, a.endpoint]),
      [['AccessKey …W9pK', otherSite]],
    );
  });
});
