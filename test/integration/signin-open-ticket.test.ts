// The whole path a new user takes, in the real workbench against the emulator: Sign In through the input boxes,
// Open Ticket by typing an id, and the details panel showing the ticket and its conversation.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AliyunTicketsTestApi } from '../../src/testSurface';
import {
  DEMO_CREDENTIALS,
  activateExtension,
  calmWorkbench,
  emulator,
  sleep,
  ui,
  waitFor,
  skipWithoutBrowserPage,
} from './harness';

/** The rendered page of the details webview showing `text` (the innermost frame holds the page). */
async function webviewShowing(text: string): Promise<string> {
  return waitFor(
    `a webview showing ${JSON.stringify(text)}`,
    async () => (await ui.webviews()).find((w) => w.html.includes(text))?.html,
    20_000,
  );
}

describe('sign in, open a ticket, read its conversation', function () {
  let api: AliyunTicketsTestApi;

  before(async function () {
    // Every step builds on the one before, starting with the sign-in typed into the input boxes.
    skipWithoutBrowserPage(this);
    api = await activateExtension();
    await api.auth.signOut();
    await calmWorkbench();
  });

  after(async () => {
    await calmWorkbench();
  });

  it('rejects a wrong secret with the reason and saves nothing', async function () {
    const since = Date.now();
    void vscode.commands.executeCommand('aliyunTickets.signIn');
    await ui.answer(/AccessKey ID/, DEMO_CREDENTIALS.accessKeyId);
    const secretBox = await ui.answer(/AccessKey Secret/, 'ThisIsNotTheRightSecret0000000');
    assert.strictEqual(secretBox.inputType, 'password', 'the secret is typed into a password box');
    const message = await ui.waitForNotification(/Sign-in failed/, since);
    assert.match(message, /AccessKey Secret/);
    assert.doesNotMatch(message, /STS|token/i, 'a plain AccessKey has no token to speak of');
    // The log line of this check is the newest one (suites before may have logged failed sign-ins of their own).
    const reason = [...api.inspect.logLines()].reverse().find((line) => line.startsWith('Sign-in check failed'));
    assert.match(reason ?? '', /signature did not match: the AccessKey Secret is probably wrong/);
    assert.strictEqual(await api.auth.isSignedIn(), false, 'nothing saved');
    // The error toast ("Sign-in failed. … Try Again") is dismissed: the flow ends without saving.
    await vscode.commands.executeCommand('notifications.clearAll');
    await calmWorkbench();
  });

  it('signs in through the input boxes after one signed check call', async function () {
    await emulator.reset();
    void vscode.commands.executeCommand('aliyunTickets.signIn');
    await ui.answer(/AccessKey ID/, `  ${DEMO_CREDENTIALS.accessKeyId} `);
    await ui.answer(/AccessKey Secret/, DEMO_CREDENTIALS.accessKeySecret);
    await waitFor('the sign-in to be saved', () => api.auth.isSignedIn());
    const requests = await emulator.requests();
    // The check is one cheap signed call, made before anything was saved (the explorer may list tickets afterwards).
    assert.strictEqual(requests[0]?.action, 'ListTickets');
    assert.strictEqual(requests[0]?.query.PageSize, '10');
    assert.strictEqual(requests[0]?.status, 200);
  });

  it('opens a ticket typed in lower case with spaces and shows the conversation', async function () {
    void vscode.commands.executeCommand('aliyunTickets.openTicket');
    await ui.answer(/Ticket ID/, ' 001571btxc ');
    const html = await webviewShowing('class="note ');
    assert.match(html, /OSS 403 when uploading from &lt;b&gt;CI&lt;\/b&gt;/, 'the title shows its markup as text');
    assert.match(html, /class="note (agent|you)"/, 'at least one message of the conversation');
    assert.deepStrictEqual(api.panels.openTicketIds(), ['001571BTXC']);
    const document = api.panels.htmlFor('001571BTXC');
    assert.ok(
      document && document.includes("default-src 'none'".replace(/'/g, '&#39;')),
      'served under the strict CSP',
    );
    await ui.screenshot('details-001571BTXC');
  });

  it('opening the same ticket again reveals the one panel', async () => {
    await vscode.commands.executeCommand('aliyunTickets.openTicket', '001571BTXC');
    await vscode.commands.executeCommand('aliyunTickets.openTicket', { ticketId: '001571BTXC' });
    await sleep(300);
    assert.deepStrictEqual(api.panels.openTicketIds(), ['001571BTXC']);
  });

  it('signing out clears the panel and shows Sign In there', async () => {
    await api.auth.signOut();
    await waitFor('the panel to show the signed-out state', () =>
      api.panels.htmlFor('001571BTXC')?.includes('You are signed out'),
    );
    const html = api.panels.htmlFor('001571BTXC')!;
    assert.ok(!html.includes('OSS 403'), 'ticket data removed from the panel');
    assert.ok(html.includes('data-action="signIn"'));
  });
});
