// The agent tools as an AI agent reaches them, in the real workbench against the emulator: through
// vscode.lm.invokeTool (what agent mode and chat call), with VS Code's own confirmation dialog in front of the draft
// tool. Outside a chat, VS Code shows that confirmation as a modal dialog; the probe reads it and presses its buttons.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  DEMO_CREDENTIALS,
  calmWorkbench,
  emulator,
  waitFor,
  type AliyunTicketsTestApi,
  onDemoTickets,
} from './harness';
import { HOSTILE_STRINGS } from '../fixtures/hostile-strings';
import { LIVE_LINK, outsideQuotes } from '../unit/agent-tools/helpers';

const GET = 'aliyunTickets_getTicket';
const LIST = 'aliyunTickets_listTickets';
const DRAFT = 'aliyunTickets_draftReply';
// ListProducts / ListCategories: the opened panel names the ticket's category from the catalogue.
const READS = new Set(['GetTicket', 'ListTickets', 'ListTicketNotes', 'ListProducts', 'ListCategories']);

/** Calls a tool as an agent would, outside a chat (no invocation token), and returns its text. */
async function invoke(name: string, input: object, token?: vscode.CancellationToken): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token);
  return result.content
    .map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : `[${typeof part}]`))
    .join('');
}

/** Draft texts stored for the panel's reply box (globalState `aliyunTickets.draft.<ticketId>`), by ticket id. */
function storedDrafts(api: AliyunTicketsTestApi): Record<string, string> {
  const global = JSON.parse(api.inspect.storedState()).global as Record<string, { text?: string } | undefined>;
  const drafts: Record<string, string> = {};
  for (const [key, value] of Object.entries(global)) {
    // Drafts are the signed-in account's: in its scope (aliyunTickets.scope.<account>/draft.<ticket>).
    const ticketId = /^aliyunTickets\.scope\.[^/]+\/draft\.(.+)$/.exec(key)?.[1];
    if (ticketId && value?.text) drafts[ticketId] = value.text;
  }
  return drafts;
}

async function writesSeen(): Promise<string[]> {
  return (await emulator.requests()).map((r) => r.action ?? '(none)').filter((action) => !READS.has(action));
}

describe('agent tools through vscode.lm.invokeTool', function () {
  this.timeout(120_000);
  let api: AliyunTicketsTestApi;

  before(async () => {
    api = await onDemoTickets();
  });
  beforeEach(async () => {
    await emulator.clearFaults();
    await emulator.clearRequests();
  });
  after(async () => {
    await emulator.reset();
    if (!(await api.auth.isSignedIn())) await api.auth.signInWith(DEMO_CREDENTIALS);
    await calmWorkbench();
  });

  it('contributes the three tools, #ticket among them, to every extension and chat', async () => {
    const names = await waitFor('the tools to be listed', () => {
      const ours = vscode.lm.tools.filter((tool) => tool.name.startsWith('aliyunTickets_')).map((tool) => tool.name);
      return ours.length === 3 ? ours.sort() : undefined;
    });
    assert.deepStrictEqual(names, [DRAFT, GET, LIST]);
    const get = vscode.lm.tools.find((tool) => tool.name === GET)!;
    assert.match(get.description, /Treat|quoted data|defanged/);
    assert.deepStrictEqual((get.inputSchema as { required?: string[] }).required, ['ticketId']);
  });

  it('Get Ticket answers the ticket and its conversation, by id or console link', async () => {
    const text = await invoke(GET, {
      ticketId: 'https://smartservice.console.aliyun.com/service/detail?ticketId=001571BTXC',
    });
    assert.match(
      text,
      /^Ticket 001571BTXC \(Alibaba Cloud support ticket\)\.\nThe following is ticket data, written by other people/,
    );
    assert.match(text, /Title: ` OSS 403 when uploading from <b>CI<\/b> `/);
    assert.match(text, /support is waiting for the user to answer/);
    assert.match(text, /role support \(Alibaba Cloud support\)/);
    assert.doesNotMatch(text, LIVE_LINK);
    const actions = (await emulator.requests()).map((r) => r.action ?? '(none)').sort((a, b) => a.localeCompare(b));
    assert.deepStrictEqual(actions, ['GetTicket', 'ListTicketNotes']);
  });

  it('List Tickets answers a page with the tickets waiting for the user first, and totals', async () => {
    const text = await invoke(LIST, { status: 'open', pageSize: 10 });
    assert.match(
      text,
      /^Alibaba Cloud support tickets \(status open\): \d+ in all, \d+ waiting for the user\. Page 1 of \d+, 10 per page/,
    );
    const flags = [...text.matchAll(/^- [0-9A-Z]+ · (WAITING FOR THE USER · )?/gm)].map((m) => Boolean(m[1]));
    assert.strictEqual(flags.length, 10);
    assert.deepStrictEqual(
      flags,
      [...flags].sort((a, b) => Number(b) - Number(a)),
      'waiting tickets come first',
    );
    assert.ok(flags[0], 'the demo has tickets waiting for the user');
  });

  it('bad input, an unknown ticket, throttling and signing out each answer one sentence with what to do', async () => {
    assert.match(
      await invoke(GET, { ticketId: 'no such thing!' }),
      /^Reading the ticket failed: A ticket ID has only letters and digits/,
    );
    assert.match(await invoke(GET, { ticketId: '0009ZZZZZ' }), /failed: That ticket was not found/);
    await emulator.inject({ kind: 'throttle', retryAfterMs: 120_000, action: 'ListTickets' });
    const throttled = await invoke(LIST, { keyword: 'throttle-check' });
    assert.match(throttled, /^Listing tickets failed: .*(limiting|wait)/i);
    await api.auth.signOut();
    try {
      const signedOut = await invoke(GET, { ticketId: '0005PYGCW' });
      assert.match(signedOut, /not signed in.*"Alibaba Cloud Tickets: Sign In"/);
      for (const text of [throttled, signedOut]) {
        assert.doesNotMatch(text, /\n\s+at |Error:/, 'no stack');
        assert.ok(
          !text.includes(DEMO_CREDENTIALS.accessKeySecret) && !text.includes(DEMO_CREDENTIALS.accessKeyId),
          'no key',
        );
      }
    } finally {
      await api.auth.signInWith(DEMO_CREDENTIALS);
    }
  });

  it('hostile ticket text comes out as inert text from every tool', async () => {
    await emulator.reset('hostile');
    try {
      const outputs: string[] = [];
      for (let index = 0; index < HOSTILE_STRINGS.length; index++) {
        outputs.push(await invoke(GET, { ticketId: 'HST' + String(index).padStart(7, '0') }));
      }
      outputs.push(await invoke(LIST, { pageSize: 100 }));
      outputs.forEach((text, i) => {
        const label = HOSTILE_STRINGS[i]?.label ?? 'the list';
        assert.doesNotMatch(text, LIVE_LINK, `a live link from: ${label}`);
        // Outside the ```text blocks and `code spans` (which nothing inside can close), no markup and no link syntax.
        assert.doesNotMatch(outsideQuotes(text), /[<>`]|\]\(/, `ticket text outside its quotes, from: ${label}`);
        if (i < HOSTILE_STRINGS.length)
          assert.match(text, /\nEnd of ticket HST\d{7}\.$/, `our frame closes the answer: ${label}`);
      });
      assert.deepStrictEqual(await writesSeen(), []);
    } finally {
      await emulator.reset();
    }
  });

  describe("Draft Reply, behind VS Code's confirmation", () => {
    // Outside a chat VS Code shows a tool's confirmationMessages in a modal dialog (LanguageModelToolsService.invokeTool
    // → IDialogService.confirm), but in an extension-test run its DialogService answers every confirm() with "yes"
    // without showing anything (skipDialogs(): isExtensionDevelopment && extensionTestsLocationURI). So the dialog's
    // text is read where VS Code gets it, the registered tool's prepareInvocation, and invokeTool shows what happens
    // after the user confirmed.
    const cancelled = (): vscode.CancellationToken => {
      const source = new vscode.CancellationTokenSource();
      source.cancel();
      return source.token;
    };

    it('the confirmation names the ticket and shows the exact text; preparing it stores and sends nothing', async () => {
      const text = 'Hello, the iostat output is below.\n```\nsda 0.50 1.2\n```\nSee https://example.com/guide';
      const tool = api.agentTools[DRAFT];
      assert.ok(tool?.prepareInvocation, 'the draft tool prepares a confirmation');
      const prepared = await tool.prepareInvocation(
        { input: { ticketId: '001571BTXC', text } },
        new vscode.CancellationTokenSource().token,
      );
      const confirmation = prepared?.confirmationMessages;
      assert.ok(confirmation, 'VS Code asks the user before the draft tool runs');
      assert.strictEqual(confirmation.title, 'Put a draft reply into ticket 001571BTXC?');
      const message = typeof confirmation.message === 'string' ? confirmation.message : confirmation.message.value;
      assert.match(
        message,
        /^The reply box of ticket 001571BTXC \(` OSS 403 when uploading from <b>CI<\/b> `\) will hold this text for you to read, edit and send\. Nothing is sent to Alibaba Cloud now\./,
      );
      assert.ok(
        message.endsWith(`\n\n\`\`\`\`text\n${text}\n\`\`\`\``),
        `the exact text, in a fence longer than its own: ${message}`,
      );
      assert.deepStrictEqual(storedDrafts(api), {});
      assert.deepStrictEqual(await writesSeen(), []);
    });

    it('without usable input there is nothing to confirm, and invoking stores nothing', async () => {
      const prepared = await api.agentTools[DRAFT].prepareInvocation!(
        { input: { ticketId: '001571BTXC', text: '   ' } },
        new vscode.CancellationTokenSource().token,
      );
      assert.strictEqual(prepared?.confirmationMessages, undefined);
      assert.match(
        await invoke(DRAFT, { ticketId: '001571BTXC', text: '   ' }),
        /^Drafting the reply failed: give text/,
      );
      assert.deepStrictEqual(storedDrafts(api), {});
    });

    it('a cancelled call stores nothing', async () => {
      await assert.rejects(invoke(DRAFT, { ticketId: '001571BTXC', text: 'never stored' }, cancelled()));
      assert.deepStrictEqual(storedDrafts(api), {});
    });

    it("once confirmed, the text waits in the ticket's reply box and its panel opens; nothing is sent", async () => {
      const text = 'Thanks, the renewal works now.';
      const answer = await invoke(DRAFT, { ticketId: '001571btxc', text });
      assert.match(
        answer,
        /^The draft reply \(30 characters\) is in the reply box of ticket 001571BTXC, and its panel is open\. Nothing was sent/,
      );
      assert.strictEqual(storedDrafts(api)['001571BTXC'], text);
      await waitFor('the ticket panel', () => api.panels.openTicketIds().includes('001571BTXC'));
      assert.deepStrictEqual(await writesSeen(), []);
    });
  });
});
