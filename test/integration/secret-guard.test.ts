// The secret guard in a real extension host, on each path that sends text: a reply (typed, or drafted by an agent
// through vscode.lm.invokeTool), a reopen reason, a rating comment and a new ticket. The guard's question is answered
// through the test surface (in extension-test runs VS Code refuses to show modals); what left is read at the emulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActingState } from '../../src/features/details/protocol';
import type { GuardChoice, GuardQuestion } from '../../src/features/secret-guard/guard';
import { AliyunTicketsTestApi, calmWorkbench, emulator, waitFor, onDemoTickets } from './harness';

const j = (...parts: string[]) => parts.join('');
const KEY_ID = j('LTAI', '5tQ9mP2xR7vK3nB8wZ4c');
const KEY_SECRET = j('Xk3mP9qR2vT7', 'wY5zA8bC1dE4fG6hJ0');
const PASTED = `It still fails with:\nALIBABA_CLOUD_ACCESS_KEY_ID=${KEY_ID}\nALIBABA_CLOUD_ACCESS_KEY_SECRET=${KEY_SECRET}`;

describe('secret guard on every path that sends text', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;
  let ticketId = '';
  let asked: GuardQuestion[] = [];

  const acting = (): ActingState | undefined => api.panels.actingState(ticketId);
  const send = (message: unknown) => api.panels.receiveFromPage(ticketId, message);
  /** Everything that reached the emulator for `action`, as one string. */
  const wire = async (action: string) =>
    (await emulator.requests())
      .filter((r) => r.action === action)
      .map((r) => JSON.stringify({ ...r.query, ...r.body }));
  const answer = (choice: GuardChoice) =>
    api.panels.answerQuestions({
      askAboutSecrets: async (question) => {
        asked.push(question);
        return choice;
      },
    });
  const noticeMatching = (match: RegExp) =>
    waitFor(
      'a notice matching ' + match,
      () => {
        const s = acting();
        return s && !s.busy && s.notice && match.test(s.notice.text) ? s.notice : undefined;
      },
      20_000,
    );

  async function openPanelAt(status: number): Promise<void> {
    ticketId = (await emulator.tickets()).find((t) => t.status === status)!.ticketId;
    await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
    await waitFor(
      'the panel with its actions',
      () => (acting()?.actions.reply || acting()?.actions.reopen ? true : undefined),
      20_000,
    );
  }

  before(async () => {
    api = await onDemoTickets();
  });
  beforeEach(async () => {
    asked = [];
    await emulator.clearRequests();
  });
  afterEach(async () => {
    api.panels.answerQuestions(undefined);
    await calmWorkbench();
  });
  after(() => emulator.reset());

  it('a reply with a pasted AccessKey: Cancel sends nothing; Send as Confidential sends it once, encrypted', async () => {
    await openPanelAt(3);
    answer('cancel');
    send({ type: 'send', draft: { text: PASTED, encrypt: false } });
    await noticeMatching(/Nothing was sent/);
    assert.deepStrictEqual(
      asked.map((q) => [q.outgoing, q.items.map((i) => i.kind)]),
      [['reply', ['alibabaAccessKeyId', 'alibabaAccessKeySecret']]],
    );
    assert.deepStrictEqual(await wire('ReplyTicket'), [], 'nothing reached the server');
    assert.ok(!JSON.stringify(asked).includes(KEY_SECRET), 'the question shows the secret masked');
    answer('confidential');
    send({ type: 'send', draft: { text: PASTED, encrypt: false } });
    await noticeMatching(/^Reply sent\.$/);
    const replies = await wire('ReplyTicket');
    assert.strictEqual(replies.length, 1);
    assert.match(replies[0], /"Encrypt":"true"/);
  });

  it("an agent's draft holding a key is asked about when the user sends it; Redact and Send sends markers", async () => {
    await openPanelAt(3);
    await vscode.lm.invokeTool('aliyunTickets_draftReply', {
      input: { ticketId, text: `Here is what the user's config holds:\n${PASTED}` },
      toolInvocationToken: undefined,
    });
    // The reply box holds the agent's text (drafts are the account's, kept in its scope: read through the panel).
    const text = await waitFor('the draft in the reply box', () =>
      api.panels.draftText(ticketId).includes(KEY_ID) ? api.panels.draftText(ticketId) : undefined,
    );
    answer('redact');
    // What the page posts when the user presses Send on the drafted text.
    send({ type: 'send', draft: { text, encrypt: false } });
    await noticeMatching(/^Reply sent\.$/);
    const [reply] = await wire('ReplyTicket');
    assert.ok(!reply.includes(KEY_SECRET) && !reply.includes(KEY_ID), reply);
    assert.match(reply, /\[redacted: Alibaba Cloud AccessKey Secret\]/);
  });

  it('a reopen reason and a rating comment: Redact, or Cancel sends nothing', async () => {
    await openPanelAt(6);
    answer('cancel');
    send({ type: 'rate', solved: true, score: 5, comment: `Fixed once I rotated ${KEY_ID}` });
    await noticeMatching(/Nothing was sent/);
    assert.deepStrictEqual(await wire('EvaluateTicket'), []);
    answer('redact');
    send({ type: 'reopen', reason: `Broke again.\n${PASTED}` });
    await noticeMatching(/^Ticket reopened\.$/);
    assert.deepStrictEqual(
      asked.map((q) => [q.outgoing, q.canSendConfidential]),
      [
        ['rating', false],
        ['reopen', false],
      ],
    );
    const [reopen] = await wire('ReopenTicket');
    assert.ok(!reopen.includes(KEY_SECRET), reopen);
  });

  it('a new ticket: Send as Confidential puts the key in SecretInfo and a marker in the description', async () => {
    answer('confidential');
    await api.newTicket.form.receive({ type: 'discard' });
    await api.newTicket.form.receive({
      type: 'submit',
      draft: {
        productId: '4',
        productName: 'Elastic Compute Service',
        categoryId: '7161',
        categoryName: 'Renewal and billing',
        severity: 1,
        title: 'SDK refuses our key (secret guard test)',
        description: PASTED,
        email: '',
        attachments: [],
        secret: '',
      },
    });
    const [create] = await waitFor('the CreateTicket', async () => {
      const sent = await wire('CreateTicket');
      return sent.length ? sent : undefined;
    });
    const params = JSON.parse(create) as { Description: string; SecretInfo: string };
    assert.ok(!params.Description.includes(KEY_SECRET) && !params.Description.includes(KEY_ID), params.Description);
    assert.match(params.Description, /in the confidential information: Alibaba Cloud AccessKey Secret/);
    assert.ok(JSON.parse(params.SecretInfo).Content.includes(KEY_SECRET));
    assert.deepStrictEqual(
      asked.map((q) => q.outgoing),
      ['newTicket'],
    );
  });
});
