// Every kind of failure reaches the user as a sentence that says what happened and what to do: in the details panel
// (faults injected through the emulator's HTTP control API), or as a notification (sign-in, settings, signed out).
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  AliyunTicketsTestApi,
  DEMO_CREDENTIALS,
  DISABLED_CREDENTIALS,
  EXPIRED_STS_CREDENTIALS,
  Fault,
  activateExtension,
  calmWorkbench,
  emulator,
  testEnv,
  ui,
  waitFor,
  skipWithoutBrowserPage,
} from './harness';

/** The visible text of the panel's HTML (tags dropped, entities decoded), as a person reads it. */
function panelText(api: AliyunTicketsTestApi, ticketId: string): string {
  const html = api.panels.htmlFor(ticketId) ?? '';
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('errors reach the user', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;
  let ids: string[] = [];
  let next = 0;
  /** A ticket nobody opened yet in this suite, so the cache cannot answer for the server. */
  const freshTicket = () => ids[next++];

  before(async () => {
    api = await activateExtension();
    await emulator.reset();
    ids = (await emulator.tickets())
      .map((t) => t.ticketId)
      .filter((id) => id !== '0005PYGCW' && id !== '001571BTXC')
      .slice(20);
    if (!(await api.auth.isSignedIn())) await api.auth.signInWith(DEMO_CREDENTIALS);
    await calmWorkbench();
  });

  afterEach(async () => {
    await emulator.clearFaults();
    await calmWorkbench();
    api.ticketService.invalidate();
  });

  /** Injects `fault` for GetTicket, opens a fresh ticket and returns the panel's text once it shows `expected`. */
  async function openWithFault(
    fault: Fault & { times?: number },
    expected: RegExp,
    timeoutMs = 20_000,
  ): Promise<string> {
    const ticketId = freshTicket();
    await emulator.inject({ ...fault, action: 'GetTicket', times: fault.times ?? 5 });
    await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
    let text = '';
    try {
      return await waitFor(
        `the panel of ${ticketId} to say ${expected}`,
        () => {
          text = panelText(api, ticketId);
          return expected.test(text) ? text : undefined;
        },
        timeoutMs,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; it says: ${text.slice(0, 400)}`);
    }
  }

  it('throttled for longer than it can wait: says how long to wait', async () => {
    const text = await openWithFault({ kind: 'throttle', retryAfterSeconds: 60 }, /limiting how often/);
    assert.match(text, /wait 60 seconds/);
  });

  it('throttled briefly: waits as told, then shows the ticket', async () => {
    const ticketId = freshTicket();
    const ticket = await emulator.ticket(ticketId);
    await emulator.clearRequests();
    await emulator.inject({ kind: 'throttle', retryAfterMs: 700, action: 'GetTicket', times: 1 });
    const started = Date.now();
    await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
    await waitFor('the ticket after the wait', () => panelText(api, ticketId).includes(ticket.title));
    assert.ok(Date.now() - started >= 700, 'it did not wait as long as the server asked');
    const gets = (await emulator.requests()).filter((r) => r.action === 'GetTicket');
    assert.strictEqual(gets.length, 2, 'one throttled attempt, then one that succeeded');
    assert.strictEqual(gets[1].status, 200);
  });

  for (const status of [500, 503]) {
    it(`HTTP ${status}: retried a bounded number of times, then the error with its RequestId`, async () => {
      await emulator.clearRequests();
      const text = await openWithFault({ kind: 'status', status }, new RegExp(`server error \\(HTTP ${status}`));
      assert.match(text, /RequestId/);
      const attempts = (await emulator.requests()).filter((r) => r.action === 'GetTicket').length;
      assert.ok(attempts >= 2 && attempts <= 3, `expected 2..3 attempts, saw ${attempts}`);
    });
  }

  it('dropped connection: says the API could not be reached', async () => {
    await openWithFault({ kind: 'drop' }, /Could not reach .*connection was closed/);
  });

  it('malformed JSON: says the answer could not be read', async () => {
    await openWithFault({ kind: 'malformed' }, /could not be read/);
  });

  it('an HTML error page from a proxy: says the answer could not be read', async () => {
    await openWithFault({ kind: 'html', status: 502 }, /could not be read|server error/);
  });

  it('403 with AccessDeniedDetail: names the denied action and how to get it', async () => {
    const text = await openWithFault({ kind: 'forbidden' }, /do not have permission/);
    assert.match(text, /AliyunSupportFullAccess/);
    assert.match(text, /Denied action/);
  });

  it('a hung server: says the API did not answer in time', async () => {
    await openWithFault({ kind: 'slow', delayMs: 15_000, times: 1 }, /did not answer in time/, 30_000);
  });

  it("this computer's clock off by more than 15 minutes: says to check the clock", async () => {
    await emulator.clock(30 * 60_000);
    try {
      const text = await openWithFault({ kind: 'slow', delayMs: 0, times: 1 }, /clock is off/);
      assert.match(text, /date, time and time zone/);
    } finally {
      await emulator.clock(0);
    }
  });

  it('the stored key was disabled in the console meanwhile: the panel says so and offers Sign In', async () => {
    await emulator.reset();
    await emulator.disableKey(DEMO_CREDENTIALS.accessKeyId);
    try {
      const ticketId = freshTicket();
      await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
      await waitFor('the disabled-key message', () => /disabled/.test(panelText(api, ticketId)));
      assert.match(api.panels.htmlFor(ticketId)!, /data-action="signIn"/, 'a Sign In button in the panel');
    } finally {
      await emulator.reset();
    }
  });

  it('a refresh whose conversation request fails keeps the conversation on screen and says the refresh failed', async () => {
    const ticketId = '0005PYGCW';
    await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
    const notes = await api.ticketService.getNotes(ticketId);
    assert.ok(notes.length > 0, 'the demo ticket has a conversation');
    const noteText = notes[0].content.replace(/\s+/g, ' ').trim().slice(0, 12);
    await waitFor('the conversation', () => panelText(api, ticketId).includes(noteText));
    await emulator.inject({ kind: 'status', status: 503, action: 'ListTicketNotes', times: 5 });
    api.ticketService.invalidate(ticketId); // the panel loads the ticket again, as Refresh does
    const text = await waitFor('the refresh to fail', () => {
      const now = panelText(api, ticketId);
      return /Could not refresh/.test(now) ? now : undefined;
    });
    assert.match(text, /server error \(HTTP 503/);
    assert.ok(text.includes(noteText), `the conversation stays: ${text.slice(0, 600)}`);
    assert.doesNotMatch(text, /conversation could not be loaded/);
  });

  it('an unknown ticket id: says it was not found, offers Open Another Ticket first and no RequestId to quote', async () => {
    await vscode.commands.executeCommand('aliyunTickets.openTicket', 'ZZZZ99999');
    await waitFor('not found', () => /not found/.test(panelText(api, 'ZZZZ99999')));
    const html = api.panels.htmlFor('ZZZZ99999') ?? '';
    assert.match(
      html,
      /<div class="actions"><button type="button" data-action="openTicket">Open Another Ticket<\/button><button type="button" class="secondary" data-action="retry">Retry/,
    );
    assert.doesNotMatch(html, /RequestId/);
  });

  describe('as notifications', function () {
    before(function () {
      skipWithoutBrowserPage(this);
    });

    after(async () => {
      if (!(await api.auth.isSignedIn())) await api.auth.signInWith(DEMO_CREDENTIALS);
    });

    async function signInThroughBoxes(credentials: {
      accessKeyId: string;
      accessKeySecret: string;
      securityToken?: string;
    }) {
      const result = vscode.commands.executeCommand<boolean>('aliyunTickets.signIn');
      await ui.answer(/AccessKey ID/, credentials.accessKeyId);
      await ui.answer(/AccessKey Secret/, credentials.accessKeySecret);
      if (credentials.securityToken) await ui.answer(/Security Token/i, credentials.securityToken);
      return result;
    }

    it('an expired STS token: sign-in says the token expired and saves nothing', async () => {
      await api.auth.signOut();
      const since = Date.now();
      const result = signInThroughBoxes(EXPIRED_STS_CREDENTIALS);
      const message = await ui.waitForNotification(/Sign-in failed/, since);
      assert.match(message, /STS security token has expired/);
      await calmWorkbench();
      assert.strictEqual(await result, false);
      assert.strictEqual(await api.auth.isSignedIn(), false);
    });

    it('a disabled AccessKey: sign-in says it is disabled', async () => {
      const since = Date.now();
      const result = signInThroughBoxes(DISABLED_CREDENTIALS);
      const message = await ui.waitForNotification(/Sign-in failed/, since);
      assert.match(message, /disabled/);
      await calmWorkbench();
      assert.strictEqual(await result, false);
    });

    it('signed out: Open Ticket offers Sign In instead of failing', async () => {
      const since = Date.now();
      void vscode.commands.executeCommand('aliyunTickets.openTicket', '0005PYGCW');
      await ui.waitForNotification(/Sign in to Alibaba Cloud to open ticket 0005PYGCW/, since);
      assert.deepStrictEqual(
        api.panels.openTicketIds().filter((id) => id === '0005PYGCW'),
        [],
      );
      // The notice goes away (it times out, or the user closes it); the ticket still opens once signed in, any way.
      await calmWorkbench();
      await api.auth.signInWith(DEMO_CREDENTIALS);
      await waitFor('the ticket asked for while signed out to open', () =>
        api.panels.openTicketIds().includes('0005PYGCW'),
      );
      await calmWorkbench();
    });

    it('an endpoint setting that is not allowed: refused with a clear message before any request', async () => {
      await api.auth.signInWith(DEMO_CREDENTIALS);
      const config = vscode.workspace.getConfiguration('aliyunTickets');
      await emulator.clearRequests();
      const since = Date.now();
      try {
        await config.update('endpoint', 'http://tickets.example.com', vscode.ConfigurationTarget.Global);
        const message = await ui.waitForNotification(/aliyunTickets\.endpoint setting is not usable/, since);
        assert.match(message, /https/);
        await assert.rejects(
          api.ticketService.getTicket(freshTicket(), { force: true }),
          (e: { kind?: string }) => e.kind === 'config',
        );
        assert.deepStrictEqual(await emulator.requests(), [], 'nothing was sent');
      } finally {
        await config.update('endpoint', testEnv.emulatorUrl, vscode.ConfigurationTarget.Global);
      }
    });
  });
});
