// Sign-in through the real input boxes (typed by the test through the browser page), kept in SecretStorage only;
// a wrong key is refused with a message and saves nothing; sign-out forgets the key.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  AliyunTicketsTestApi,
  DEMO_CREDENTIALS,
  STS_CREDENTIALS,
  activateExtension,
  calmWorkbench,
  testEnv,
  ui,
  waitFor,
  skipWithoutBrowserPage,
} from './harness';

function userSettingsText(): string {
  const file = path.join(testEnv.userDataDir ?? '', 'User', 'settings.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

describe('sign-in', function () {
  let api: AliyunTicketsTestApi;

  before(async function () {
    skipWithoutBrowserPage(this);
    api = await activateExtension();
  });

  beforeEach(async () => {
    if (await api.auth.isSignedIn()) await api.auth.signOut();
    await calmWorkbench();
  });

  afterEach(calmWorkbench);

  it('asks for the AccessKey ID, then the secret in a password box, checks them and signs in', async () => {
    const since = Date.now();
    const result = vscode.commands.executeCommand<boolean>('aliyunTickets.signIn');

    const idBox = await ui.answer(/AccessKey ID/, DEMO_CREDENTIALS.accessKeyId);
    assert.notStrictEqual(
      idBox.inputType,
      'password',
      'the AccessKey ID is not a secret and should be visible while typed',
    );
    const secretBox = await ui.answer(/AccessKey Secret/, DEMO_CREDENTIALS.accessKeySecret);
    assert.strictEqual(secretBox.inputType, 'password', 'the secret must be typed into a password box');

    assert.strictEqual(await result, true);
    assert.strictEqual(await api.auth.isSignedIn(), true);
    const toast = await ui.waitForNotification(/Signed in to Alibaba Cloud Tickets/, since);
    assert.ok(!toast.includes(DEMO_CREDENTIALS.accessKeySecret));

    // SecretStorage only: not in settings, not in globalState/workspaceState, not in the log.
    assert.ok(!userSettingsText().includes(DEMO_CREDENTIALS.accessKeySecret), 'secret found in settings.json');
    assert.ok(
      !JSON.stringify(vscode.workspace.getConfiguration('aliyunTickets')).includes(DEMO_CREDENTIALS.accessKeySecret),
    );
    assert.ok(
      !api.inspect.storedState().includes(DEMO_CREDENTIALS.accessKeySecret),
      'secret found in globalState/workspaceState',
    );
    assert.ok(!api.inspect.logLines().join('\n').includes(DEMO_CREDENTIALS.accessKeySecret), 'secret found in the log');

    // Silent reuse: a ticket loads without being asked again.
    const ticket = await api.ticketService.getTicket('0005PYGCW', { force: true });
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
  });

  it('asks STS credentials for their security token (password box) and signs in with them', async () => {
    const result = vscode.commands.executeCommand<boolean>('aliyunTickets.signIn');
    await ui.answer(/AccessKey ID/, STS_CREDENTIALS.accessKeyId);
    await ui.answer(/AccessKey Secret/, STS_CREDENTIALS.accessKeySecret);
    const tokenBox = await ui.answer(/Security Token/i, STS_CREDENTIALS.securityToken!);
    assert.strictEqual(tokenBox.inputType, 'password');
    assert.strictEqual(await result, true);
    assert.strictEqual(await api.auth.isSignedIn(), true);
  });

  it('refuses a wrong secret with a message that says why, and saves nothing', async () => {
    const since = Date.now();
    const result = vscode.commands.executeCommand<boolean>('aliyunTickets.signIn');
    await ui.answer(/AccessKey ID/, DEMO_CREDENTIALS.accessKeyId);
    await ui.answer(/AccessKey Secret/, 'ThisIsNotTheRightSecret0000000');
    const message = await ui.waitForNotification(/Sign-in failed/, since);
    assert.match(message, /secret/i, `the message should point at the secret: ${message}`);
    assert.match(message, /Nothing was saved/);
    assert.strictEqual(await api.auth.isSignedIn(), false);
    await calmWorkbench(); // dismisses "Try Again"
    assert.strictEqual(await result, false);
  });

  it('says what is wrong with a malformed AccessKey ID while it is typed, and keeps the box open', async () => {
    const result = vscode.commands.executeCommand<boolean>('aliyunTickets.signIn');
    await ui.quickInputShowing(/AccessKey ID/);
    await ui.fillQuickInput('my secret key');
    const state = await waitFor('a validation message', async () => {
      const s = await ui.quickInput();
      return /no spaces/i.test(s.message) ? s : undefined;
    });
    await ui.pressInQuickInput('Enter');
    assert.match((await ui.quickInput()).title, /AccessKey ID/, 'Enter on an invalid id must not move on');
    assert.ok(state.visible);
    await ui.pressInQuickInput('Escape');
    assert.strictEqual(await result, false);
    assert.strictEqual(await api.auth.isSignedIn(), false);
  });

  it('signs out: the key is forgotten and the user is told', async () => {
    await api.auth.signInWith(DEMO_CREDENTIALS);
    assert.strictEqual(await api.auth.isSignedIn(), true);
    const since = Date.now();
    await vscode.commands.executeCommand('aliyunTickets.signOut');
    // Says what happened and what went with it.
    const message = await ui.waitForNotification(/Signed out/, since);
    assert.match(
      message,
      /Your AccessKey was removed from VS Code\. Its drafts, recent tickets, seen answers, watcher snapshot and cached tickets were removed from this computer, and open ticket panels were cleared\./,
    );
    assert.strictEqual(await api.auth.isSignedIn(), false);
    await assert.rejects(
      api.ticketService.getTicket('0005PYGCW', { force: true }),
      (error: { kind?: string }) => error.kind === 'signedOut',
    );
  });
});
