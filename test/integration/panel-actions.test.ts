// Acting on a ticket from its panel, in a real extension host against the emulator: the panel is driven with the
// messages its page would post (checked as any page message), the Close question and the file picker are answered
// through the test surface, and every result is read back from the emulator and the panel's HTML.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ActingState } from '../../src/features/details/protocol';
import {
  AliyunTicketsTestApi,
  calmWorkbench,
  emulator,
  setSetting,
  testEnv,
  waitFor,
  type EmulatorTicket,
  onDemoTickets,
} from './harness';

interface EmulatorNote {
  content: string;
  role: number;
  attachments: Array<{ name: string; url: string }>;
}

/** The emulator's view of one ticket: the ticket, its conversation and its rating. */
async function inspect(ticketId: string): Promise<{
  ticket: EmulatorTicket;
  notes: EmulatorNote[];
  evaluation: { solved: boolean; score: number; content: string } | null;
}> {
  const res = await fetch(`${testEnv.emulatorUrl}/__emulator/tickets/${encodeURIComponent(ticketId)}`);
  return (await res.json()) as never;
}

async function setStatus(ticketId: string, status: number): Promise<void> {
  const res = await fetch(`${testEnv.emulatorUrl}/__emulator/tickets/${encodeURIComponent(ticketId)}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  assert.ok(res.ok, `status of ${ticketId} set`);
}

function asHtmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

describe('acting on a ticket from its panel', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;
  let ticketId = '';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-actions-'));

  const acting = (): ActingState | undefined => api.panels.actingState(ticketId);
  const send = (message: unknown) => api.panels.receiveFromPage(ticketId, message);
  const actionCount = async (action: string) => (await emulator.requests()).filter((r) => r.action === action).length;
  /** Waits until no write is under way and the notice matches. */
  const noticeMatching = (match: RegExp) =>
    waitFor(
      `a notice matching ${match}`,
      () => {
        const s = acting();
        return s && !s.busy && s.notice && match.test(s.notice.text) ? s.notice : undefined;
      },
      20_000,
    );

  async function openPanelAt(status: number, categoryId?: string): Promise<void> {
    const tickets = await emulator.tickets();
    ticketId = tickets.find((t) => t.status === status && (!categoryId || t.categoryId === categoryId))!.ticketId;
    await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
    await waitFor(
      'the panel with its actions',
      () => {
        const s = acting();
        return s && (s.actions.reply || s.actions.reopen) ? s : undefined;
      },
      20_000,
    );
  }

  before(async () => {
    api = await onDemoTickets();
  });
  afterEach(async () => {
    api.panels.answerQuestions(undefined);
    await emulator.clearFaults();
    await calmWorkbench();
  });
  after(async () => {
    await emulator.reset();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('replies with an attachment picked from disk: uploaded, sent once, shown in the conversation, draft gone', async () => {
    await openPanelAt(3);
    const file = path.join(tmp, 'renewal-error.log');
    fs.writeFileSync(file, '2026-11-28 02:00:01 ERROR renewal order unpaid\n');
    api.panels.answerQuestions({
      pickFiles: async () => [
        { name: 'renewal-error.log', size: fs.statSync(file).size, read: async () => fs.readFileSync(file) },
      ],
    });
    await emulator.clearRequests();
    send({ type: 'pickFiles' });
    await waitFor('the upload', () => acting()?.attachments[0]?.state === 'uploaded');
    const text = `The log of tonight's failure is attached (${Date.now()}).`;
    send({ type: 'send', draft: { text, encrypt: false } });
    await noticeMatching(/^Reply sent\.$/);
    assert.strictEqual(await actionCount('ReplyTicket'), 1);
    const { notes } = await inspect(ticketId);
    const mine = notes.filter((n) => n.content === text);
    assert.strictEqual(mine.length, 1);
    assert.deepStrictEqual(
      mine[0].attachments.map((a) => a.name),
      ['renewal-error.log'],
    );
    await waitFor('the reply in the panel', () => api.panels.htmlFor(ticketId)?.includes(asHtmlText(text)));
    assert.ok(!api.inspect.storedState().includes(`aliyunTickets.draft.${ticketId}`), 'the draft is removed once sent');
  });

  it('a failed send keeps text and attachments and says why; a draft survives closing and reopening the panel', async () => {
    await openPanelAt(2);
    const text = 'Please check the order again.';
    send({ type: 'draftChanged', draft: { text, encrypt: false } });
    await waitFor('the draft in storage', () => api.inspect.storedState().includes(text));
    await emulator.inject({ kind: 'forbidden', action: 'ReplyTicket' });
    send({ type: 'send', draft: { text, encrypt: false } });
    const notice = await noticeMatching(/The reply was not sent/);
    assert.match(notice.text, /permission/i);
    assert.match(notice.text, /Your text and attachments are kept/);
    assert.ok(api.inspect.storedState().includes(text), 'still stored after the failure');

    await calmWorkbench();
    await waitFor('the panel closed', () => !api.panels.openTicketIds().includes(ticketId));
    assert.ok(api.inspect.storedState().includes(text), 'still stored with the panel closed');
    await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
    await waitFor('the panel again', () => acting()?.actions.reply);
    assert.ok(api.inspect.storedState().includes(text));
    assert.strictEqual(api.panels.draftText(ticketId), text);
  });

  it('a Confidential draft is kept in SecretStorage only, and survives closing and reopening the panel', async () => {
    await openPanelAt(2);
    const text = `Confidential: the database password is pw-${Date.now()}`;
    send({ type: 'draftChanged', draft: { text, encrypt: true } });
    await waitFor('the panel to have it', () => api.panels.draftText(ticketId) === text);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!api.inspect.storedState().includes(text), 'not in globalState or workspaceState');
    await calmWorkbench();
    await waitFor('the panel closed', () => !api.panels.openTicketIds().includes(ticketId));
    await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
    await waitFor('the confidential draft back in the reopened panel', () => api.panels.draftText(ticketId) === text);
    assert.ok(!api.inspect.storedState().includes(text));
  });

  it('a reply sent as Confidential is marked so in the conversation; a plain one is not', async () => {
    await openPanelAt(3);
    const secret = `Confidential: the root password is pw-${Date.now()}`;
    send({ type: 'send', draft: { text: secret, encrypt: true } });
    await noticeMatching(/^Reply sent\.$/);
    const plain = `A plain reply ${Date.now()}`;
    send({ type: 'send', draft: { text: plain, encrypt: false } });
    await noticeMatching(/^Reply sent\.$/);
    const html = await waitFor('both replies in the panel', () => {
      const h = api.panels.htmlFor(ticketId);
      return h?.includes(asHtmlText(secret)) && h.includes(asHtmlText(plain)) ? h : undefined;
    });
    const headOf = (text: string) => {
      const at = html.indexOf(asHtmlText(text));
      return html.slice(html.lastIndexOf('<li class="note', at), at);
    };
    assert.match(headOf(secret), /class="badge confidential"[^>]*>Confidential</);
    assert.doesNotMatch(headOf(plain), /badge confidential/);
  });

  it('an unknown outcome (processed, then the connection dropped) finds the reply and does not offer to send it again', async () => {
    await openPanelAt(3);
    await emulator.clearRequests();
    await emulator.inject({ kind: 'dropAfterProcessing', action: 'ReplyTicket' });
    const text = `Arrived despite the drop ${Date.now()}`;
    send({ type: 'send', draft: { text, encrypt: false } });
    await noticeMatching(/Your reply arrived/);
    assert.strictEqual(await actionCount('ReplyTicket'), 1, 'never sent twice');
    assert.strictEqual((await inspect(ticketId)).notes.filter((n) => n.content === text).length, 1);
  });

  it('closes after the question, then rates; the buttons follow the status', async () => {
    await openPanelAt(2);
    api.panels.answerQuestions({ confirmClose: async () => false });
    send({ type: 'closeTicket' });
    await new Promise((r) => setTimeout(r, 500));
    assert.notStrictEqual((await inspect(ticketId)).ticket.status, 6, 'not closed when the answer was no');

    api.panels.answerQuestions({ confirmClose: async () => true });
    send({ type: 'closeTicket' });
    await noticeMatching(/^Ticket closed\.$/);
    assert.strictEqual((await inspect(ticketId)).ticket.status, 6);
    await waitFor('reopen and rate offered, reply not', () => {
      const a = acting()?.actions;
      return a && a.reopen && a.rate && !a.reply && !a.close;
    });

    send({ type: 'rate', solved: true, score: 4, comment: 'Fixed within the hour.' });
    await noticeMatching(/rating was sent/);
    assert.deepStrictEqual((await inspect(ticketId)).evaluation, {
      solved: true,
      score: 4,
      content: 'Fixed within the hour.',
    });
    // Rated: Rate is not offered again; the panel says what was sent, also when opened again.
    assert.strictEqual(acting()?.actions.rate, false);
    assert.strictEqual(acting()?.rated, 'You rated this ticket 4 of 5 and said the problem was solved.');
    await calmWorkbench();
    await waitFor('the panel closed', () => !api.panels.openTicketIds().includes(ticketId));
    await vscode.commands.executeCommand('aliyunTickets.openTicket', ticketId);
    await waitFor('the reopened panel with Reopen and what was rated', () => {
      const a = acting();
      return a?.actions.reopen && !a.actions.rate && a.rated?.includes('4 of 5');
    });
  });

  it('reopens with the reason as content; the server refusing an action is shown in plain words', async () => {
    await openPanelAt(6);
    const reason = 'The renewal failed again tonight.';
    send({ type: 'reopen', reason });
    await noticeMatching(/^Ticket reopened\.$/);
    const after = await inspect(ticketId);
    assert.strictEqual(after.ticket.status, 1);
    assert.strictEqual(after.notes.at(-1)!.content, reason);
    await waitFor('reply offered again', () => acting()?.actions.reply);

    // Support completes it meanwhile; the panel still offers Reopen from before, the server refuses a second one.
    await setStatus(ticketId, 2);
    send({ type: 'reopen', reason: 'again' });
    const refused = await noticeMatching(/The ticket was not reopened/);
    assert.strictEqual(
      refused.text,
      'The ticket was not reopened: it is Processing now, and only a finished ticket can be reopened.',
    );
  });

  it('marks unread answers from support and names the category', async () => {
    // A ticket whose category the emulator's catalogue lists (OSS / Access and permissions): the steps before move other
    // tickets' statuses, so "the first waiting ticket" can be one whose category no catalogue names.
    const named = (await emulator.tickets()).find((t) => t.categoryId === '7302')!;
    await setStatus(named.ticketId, 3);
    await openPanelAt(3, '7302');
    const res = await fetch(`${testEnv.emulatorUrl}/__emulator/tickets/${encodeURIComponent(ticketId)}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'We have refunded the order; please try again.', readStatus: 1 }),
    });
    assert.ok(res.ok);
    send({ type: 'refresh' });
    await waitFor('the New mark', () => api.panels.htmlFor(ticketId)?.includes('class="badge new-note"'), 20_000);
    assert.match(api.panels.htmlFor(ticketId)!, /1 new answer from support/);
    // Seen in the panel (it is on screen): no longer counted as unread for the Tickets view's row.
    await waitFor('the answer counted as seen', () => api.panels.unreadCount(ticketId) === 0);
    await waitFor(
      'the category name',
      () =>
        api.panels
          .htmlFor(ticketId)
          ?.match(/<dt>Category<\/dt><dd>([\s\S]*?)<\/dd>/)?.[1]
          .replace(/<[^>]+>/g, '') === 'Object Storage Service / Access and permissions',
      20_000,
    );
  });

  it('refreshes itself while visible (details.autoRefreshSeconds) and leaves the draft alone', async function () {
    this.timeout(90_000);
    await openPanelAt(3);
    const draft = 'half a sentence that must stay';
    send({ type: 'draftChanged', draft: { text: draft, encrypt: false } });
    await waitFor('the draft stored', () => api.inspect.storedState().includes(draft));
    await setSetting('details.autoRefreshSeconds', 15);
    try {
      const answer = `Support answered while you were typing ${Date.now()}`;
      const res = await fetch(`${testEnv.emulatorUrl}/__emulator/tickets/${encodeURIComponent(ticketId)}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: answer, readStatus: 1 }),
      });
      assert.ok(res.ok);
      // No Refresh click: the panel's own timer brings the answer.
      await waitFor('the answer without a refresh', () => api.panels.htmlFor(ticketId)?.includes(answer), 40_000);
      assert.ok(api.inspect.storedState().includes(draft), 'the draft is untouched');
    } finally {
      await setSetting('details.autoRefreshSeconds', undefined);
    }
  });
});
