// An attachment link in the real VS Code: the panel's attachment click (the page's message, with indexes only), the
// question before opening, then VS Code's own opener and the browser. The address the browser is asked for must be
// byte-identical to the one the API gave: a presigned OSS URL's signature covers its escapes (%2B, %26, %23), which
// a Uri round trip decodes and encodes again. Only in code-server, where the browser tab can be watched.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  AliyunTicketsTestApi,
  calmWorkbench,
  emulator,
  onDemoTickets,
  skipWithoutBrowserPage,
  ui,
  waitFor,
} from './harness';

const TICKET = 'LINKS0001';
/**
 * The host is one code-server's product trusts for links (linkProtectionTrustedDomains: open-vsx.org): any other
 * host makes VS Code ask "Do you want to open the external website?", a dialog the extension-host test mode refuses.
 * The path and query are a presigned download's, with escapes a decode and re-encode would change.
 */
const PRESIGNED =
  'https://open-vsx.org/ticket-attachments/renewal%20log.txt?Expires=1767225600&OSSAccessKeyId=STS.NTestKeyId' +
  '&Signature=a%2Bb%26c%23d%3D&security-token=CAIS%2Btoken%2F%26x';

describe('trust boundary: an attachment link opens in the browser byte for byte as the API gave it', function () {
  this.timeout(120_000);
  let api: AliyunTicketsTestApi;

  before(async function () {
    skipWithoutBrowserPage(this);
    api = await onDemoTickets({ watcher: false });
    await emulator.addTicket(
      { ticketId: TICKET, title: 'Renewal logs from support', status: 3, createTime: Date.now() - 3_600_000 },
      [
        { content: 'The renewal fails.', role: 'user' },
        {
          content: 'Here is the log.',
          role: 'agent',
          attachments: [{ name: 'renewal.log', url: PRESIGNED }],
        },
      ],
    );
  });

  after(async () => {
    api?.panels.answerQuestions(undefined);
    await calmWorkbench();
  });

  it('asks without showing the signed query, then the browser requests the exact URL (%2B, %26, %23 unchanged)', async () => {
    await vscode.commands.executeCommand('aliyunTickets.openTicket', TICKET);
    const html = await waitFor(
      'the panel with the attachment link',
      () => {
        const text = api.panels.htmlFor(TICKET);
        return text?.includes('renewal.log') ? text : undefined;
      },
      20_000,
    );
    // The page names the attachment by its indexes; read them from the link the panel drew (the ticket's only one).
    const links = [...html.matchAll(/data-note="(\d+)" data-attachment="(\d+)"/g)];
    assert.strictEqual(links.length, 1, 'the attachment is drawn as a link');
    const link = links[0];
    assert.ok(!html.includes('Signature'), 'the page never holds the signed query');

    const asked: string[] = [];
    api.panels.answerQuestions({
      confirmOpenAttachment: async (question, detail) => {
        asked.push(`${question}\n${detail}`);
        return true;
      },
    });
    const since = Date.now();
    api.panels.receiveFromPage(TICKET, { type: 'openAttachment', note: Number(link[1]), attachment: Number(link[2]) });
    const opened = await waitFor(
      'the browser to open a tab for the attachment',
      async () => (await ui.opened()).find((tab) => tab.at >= since),
      20_000,
    );
    assert.strictEqual(opened.url, PRESIGNED, 'the browser was asked for the URL as the API gave it');
    assert.strictEqual(asked.length, 1, 'asked once');
    assert.match(asked[0], /goes to open-vsx\.org/);
    for (const part of ['Signature', 'OSSAccessKeyId', 'security-token', 'a%2Bb'])
      assert.ok(!asked[0].includes(part), `the question shows ${part}`);
  });
});
