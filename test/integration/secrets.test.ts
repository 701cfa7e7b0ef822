// Runs last (see index.ts). After a full session — a rejected sign-in, a sign-in with STS credentials through the
// input boxes, tickets opened, errors of every kind, sign-out — the AccessKey secret and the STS token appear
// nowhere the extension writes or shows: settings, globalState/workspaceState, the log (in memory and its file),
// webview HTML (as set and as rendered), notifications, or any file under the user-data-dir. The AccessKey id is
// shown only shortened (…1234). The runner repeats the file scan after VS Code has shut down and flushed its state.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  AliyunTicketsTestApi,
  STS_CREDENTIALS,
  activateExtension,
  calmWorkbench,
  emulator,
  testEnv,
  ui,
  waitFor,
  skipWithoutBrowserPage,
} from './harness';

const SECRETS: Record<string, string> = {
  'AccessKey secret': STS_CREDENTIALS.accessKeySecret,
  'STS token': STS_CREDENTIALS.securityToken!,
};
/** Shown to the user only as "…" + its last four characters. */
const ACCESS_KEY_ID = STS_CREDENTIALS.accessKeyId;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function leaks(where: string, text: string, { includeId = true } = {}): string[] {
  const found = Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => `${name} in ${where}`);
  if (includeId && text.includes(ACCESS_KEY_ID)) found.push(`the full AccessKey id in ${where}`);
  return found;
}

describe('secrets after a full session', function () {
  this.timeout(120_000);
  let api: AliyunTicketsTestApi;
  const opened: string[] = [];
  const htmlSeen: string[] = [];

  before(async function () {
    skipWithoutBrowserPage(this);
    if (!testEnv.userDataDir) this.skip();
    api = await activateExtension();
    await emulator.reset();
    if (await api.auth.isSignedIn()) await api.auth.signOut();
    await calmWorkbench();
  });

  it('runs a session: rejected sign-in, STS sign-in through the boxes, tickets, every error kind, sign-out', async () => {
    // A rejected attempt: right id and token, wrong secret (the error path sees the token).
    let since = Date.now();
    let result = vscode.commands.executeCommand<boolean>('aliyunTickets.signIn');
    await ui.answer(/AccessKey ID/, ACCESS_KEY_ID);
    await ui.answer(/AccessKey Secret/, 'WrongSecretForTheLeakTest000000');
    await ui.answer(/Security Token/i, STS_CREDENTIALS.securityToken!);
    await ui.waitForNotification(/Sign-in failed/, since);
    await calmWorkbench();
    assert.strictEqual(await result, false);

    // The real sign-in.
    since = Date.now();
    result = vscode.commands.executeCommand<boolean>('aliyunTickets.signIn');
    await ui.answer(/AccessKey ID/, ACCESS_KEY_ID);
    await ui.answer(/AccessKey Secret/, STS_CREDENTIALS.accessKeySecret);
    await ui.answer(/Security Token/i, STS_CREDENTIALS.securityToken!);
    assert.strictEqual(await result, true);
    await ui.waitForNotification(/Signed in/, since);

    // Tickets, and a fault of every kind on the way.
    const ids = (await emulator.tickets()).map((t) => t.ticketId).slice(40, 60);
    const faults = [
      undefined,
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'throttle', retryAfterSeconds: 60 },
      { kind: 'drop' },
      { kind: 'malformed' },
      { kind: 'html', status: 502 },
      { kind: 'forbidden' },
      undefined,
    ] as const;
    for (const [i, fault] of faults.entries()) {
      const ticketId = ids[i];
      if (fault) await emulator.inject({ ...fault, action: 'GetTicket', times: 5 });
      await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
      opened.push(ticketId);
      await waitFor(
        `panel ${ticketId} to finish loading`,
        () => {
          const html = api.panels.htmlFor(ticketId);
          return html && !/class="state loading/.test(html) && !/Loading/.test(html) ? html : undefined;
        },
        20_000,
      ).catch(() => undefined);
      await emulator.clearFaults();
    }
    for (const ticketId of api.panels.openTicketIds()) htmlSeen.push(api.panels.htmlFor(ticketId) ?? '');
    for (const frame of await ui.webviews()) htmlSeen.push(frame.html);
    await vscode.commands.executeCommand('aliyunTickets.showLog');

    // An endpoint that is refused, and back.
    const config = vscode.workspace.getConfiguration('aliyunTickets');
    await config.update('endpoint', 'http://not-loopback.example', vscode.ConfigurationTarget.Global);
    await ui.waitForNotification(/not usable/, since);
    await config.update('endpoint', testEnv.emulatorUrl, vscode.ConfigurationTarget.Global);

    since = Date.now();
    await vscode.commands.executeCommand('aliyunTickets.signOut');
    await ui.waitForNotification(/Signed out/, since);
    assert.strictEqual(await api.auth.isSignedIn(), false);
    for (const ticketId of api.panels.openTicketIds()) htmlSeen.push(api.panels.htmlFor(ticketId) ?? '');
  });

  it('no secret in settings (user settings file, the configuration API)', () => {
    const settingsFile = path.join(testEnv.userDataDir!, 'User', 'settings.json');
    const found = [
      ...leaks('User/settings.json', fs.readFileSync(settingsFile, 'utf8')),
      ...leaks('the aliyunTickets configuration', JSON.stringify(vscode.workspace.getConfiguration('aliyunTickets'))),
    ];
    assert.deepStrictEqual(found, []);
  });

  it('no secret in globalState or workspaceState', () => {
    assert.deepStrictEqual(leaks('globalState/workspaceState', api.inspect.storedState()), []);
  });

  it('no secret in the log, in memory or in its file under the user-data-dir', () => {
    const lines = api.inspect.logLines().join('\n');
    assert.ok(lines.length > 0, 'the session wrote log lines');
    const logFiles = filesUnder(path.join(testEnv.userDataDir!, 'logs')).filter((f) => f.includes('aliyun-tickets'));
    assert.ok(logFiles.length > 0, 'found the output channel log file');
    const fileText = logFiles.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.match(fileText, /GetTicket/, 'the log file holds the session');
    assert.deepStrictEqual([...leaks('the log lines', lines), ...leaks('the log file', fileText)], []);
  });

  it('no secret in any webview HTML (as set by the extension and as rendered in the page)', () => {
    assert.ok(htmlSeen.length >= opened.length, 'collected the panels');
    assert.deepStrictEqual(
      htmlSeen.flatMap((html, i) => leaks(`webview HTML #${i}`, html)),
      [],
    );
  });

  it('no secret in any notification the user saw', async () => {
    await vscode.commands.executeCommand('notifications.showList');
    const texts = (await ui.notifications()).map((n) => n.text);
    assert.ok(
      texts.some((t) => /Sign-in failed/.test(t)),
      'the failed sign-in was among the notifications',
    );
    assert.deepStrictEqual(
      texts.flatMap((t, i) => leaks(`notification #${i} (${t.slice(0, 40)}…)`, t)),
      [],
    );
  });

  it('no secret in any file under the user-data-dir', () => {
    const files = filesUnder(testEnv.userDataDir!);
    assert.ok(files.length > 5);
    const found: string[] = [];
    for (const file of files) {
      const data = fs.readFileSync(file);
      for (const [name, value] of Object.entries(SECRETS)) {
        if (data.includes(Buffer.from(value, 'utf8')) || data.includes(Buffer.from(value, 'utf16le')))
          found.push(`${name} in ${file}`);
      }
    }
    assert.deepStrictEqual(found, []);
  });

  after(calmWorkbench);
});
