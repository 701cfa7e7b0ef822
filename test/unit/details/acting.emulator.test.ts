// TicketActing (what the panel does to a ticket) over the real client and ticket service, against the emulator over
// real HTTP: a reply with an attachment arrives once, a failure keeps the draft and says why, an unknown outcome is
// checked in the reloaded conversation, and close / reopen / rate change the ticket as the server says.
import * as assert from 'assert';
import type { ToPageMessage } from '../../../src/features/details/protocol';
import type { PickedFile } from '../../../src/features/details/ticketActing';
import { MemoryAccountScope } from '../../../src/common/accountScope';
import { emulatorActing } from '../api/emulatorActing';

describe('details/TicketActing against the emulator', function () {
  this.timeout(20_000);
  const env = emulatorActing({ timeoutMs: 2_000 });

  /** A panel's acting part for a ticket in `status`; `posted` collects what the page would receive. */
  function setUp(
    status: 1 | 2 | 3 | 4 | 5 | 6,
    options: { confirm?: boolean; files?: PickedFile[]; store?: MemoryAccountScope } = {},
  ) {
    const posted: ToPageMessage[] = [];
    const page = { ready: true };
    let replied = 0;
    const acting = env.actingOn(status, {
      store: options.store,
      post: (message) => page.ready && posted.push(message) > 0,
      confirmClose: () => Promise.resolve(options.confirm ?? true),
      pickFiles: () => Promise.resolve(options.files ?? []),
      onReplied: () => replied++,
    });
    return {
      ...acting,
      posted,
      page,
      /** Times the panel said a reply was taken (the walkthrough's reply step completes on it). */
      replied: () => replied,
    };
  }
  const count = (action: string) => env.emu.requests.filter((r) => r.action === action).length;

  it('sends a reply with an attachment once; the draft is cleared and the box emptied', async () => {
    const bytes = Buffer.from('2026-11-28 ERROR renewal order unpaid\n');
    const { ticketId, acting, posted, until, idle, drafts, replied } = setUp(3, {
      files: [{ name: 'renewal.log', size: bytes.length, read: async () => bytes }],
    });
    acting.handle({ type: 'pickFiles' });
    await until('the upload', (s) => s.attachments[0]?.state === 'uploaded');
    assert.strictEqual(
      drafts.get(ticketId).attachments[0].name,
      'renewal.log',
      'the uploaded attachment is kept with the draft',
    );
    acting.handle({ type: 'send', draft: { text: 'Logs attached.', encrypt: true } });
    acting.handle({ type: 'send', draft: { text: 'Logs attached.', encrypt: true } }); // a double click
    await idle();
    assert.deepStrictEqual(acting.state().notice, { kind: 'success', text: 'Reply sent.' });
    assert.strictEqual(count('ReplyTicket'), 1, 'sent exactly once');
    assert.strictEqual(replied(), 1, 'the walkthrough hears of the reply once');
    const note = env.emu.notesOf(ticketId).at(-1)!;
    assert.strictEqual(note.content, 'Logs attached.');
    assert.deepStrictEqual(
      note.attachments.map((a) => a.name),
      ['renewal.log'],
    );
    assert.strictEqual(
      env.emu.requests.find((r) => r.action === 'ReplyTicket')!.query.Encrypt ??
        env.emu.requests.find((r) => r.action === 'ReplyTicket')!.body.Encrypt,
      'true',
    );
    assert.strictEqual(drafts.get(ticketId).text, '', 'the draft is gone once the server confirmed');
    assert.deepStrictEqual(posted.filter((m) => m.type === 'draft').at(-1), {
      type: 'draft',
      draft: { text: '', encrypt: false },
      replace: true,
    });
    assert.deepStrictEqual(acting.state().attachments, []);
    assert.strictEqual(acting.state().actions.reply, true, 'status 4 after the reply: still open for replies');
  });

  it('a file dropped while the reply is sending is kept for the next reply, uploaded and in the draft', async () => {
    const first = Buffer.from('first.log contents\n');
    const { ticketId, acting, until, idle, drafts } = setUp(3, {
      files: [{ name: 'first.log', size: first.length, read: async () => first }],
    });
    acting.handle({ type: 'pickFiles' });
    await until('the upload', (s) => s.attachments[0]?.state === 'uploaded');
    env.emu.setLatency(400);
    acting.handle({ type: 'send', draft: { text: 'Logs attached.', encrypt: false } });
    await until('the send to start', (s) => s.busy === 'send');
    const late = new Uint8Array(Buffer.from('late.log contents\n'));
    acting.handle({ type: 'dropFile', name: 'late.log', bytes: late });
    await idle();
    env.emu.setLatency(0);
    await until('the late upload', (s) => s.attachments.some((a) => a.name === 'late.log' && a.state === 'uploaded'));
    const note = env.emu.notesOf(ticketId).at(-1)!;
    assert.deepStrictEqual(
      note.attachments.map((a) => a.name),
      ['first.log'],
      'the reply carried what was attached when Send was pressed',
    );
    assert.deepStrictEqual(
      acting.state().attachments.map((a) => a.name),
      ['late.log'],
      'the dropped file waits in the reply box',
    );
    assert.deepStrictEqual(
      drafts.get(ticketId).attachments.map((a) => a.name),
      ['late.log'],
      'and in the stored draft',
    );
    assert.match(acting.state().notice?.text ?? '', /Reply sent\..*late\.log/);
  });

  it('refuses a pipe or device (size 0, never ends) without reading it, and says why', async () => {
    let reads = 0;
    const { acting, until } = setUp(3, {
      files: [{ name: 'fifo', size: 0, regular: false, read: () => (reads++, new Promise<Uint8Array>(() => {})) }],
    });
    acting.handle({ type: 'pickFiles' });
    await until('the refusal', (s) => s.attachments[0]?.state === 'failed');
    assert.match(acting.state().attachments[0].error ?? '', /Not a regular file/);
    assert.strictEqual(reads, 0, 'never read');
    assert.strictEqual(count('GetAttachmentUploadUrl'), 0, 'nothing uploaded');
  });

  it('a page hidden while the reply was sent hears, when back, that the box is empty (never the sent text again)', async () => {
    const { acting, posted, page, idle } = setUp(3);
    acting.handle({ type: 'send', draft: { text: 'Sent while hidden', encrypt: false } });
    page.ready = false; // the user switched tabs: the page is gone until it says 'ready'
    await idle();
    page.ready = true;
    posted.length = 0;
    acting.onReady();
    assert.deepStrictEqual(
      posted.filter((m) => m.type === 'draft'),
      [{ type: 'draft', draft: { text: '', encrypt: false }, replace: true }],
    );
    posted.length = 0;
    acting.onReady();
    assert.deepStrictEqual(
      posted.filter((m) => m.type === 'draft'),
      [{ type: 'draft', draft: { text: '', encrypt: false }, replace: false }],
      'only once',
    );
  });

  it("an agent's draft replaces the text in the open page and in storage, keeping the Confidential switch", async () => {
    const { ticketId, acting, posted, drafts } = setUp(3);
    acting.handle({ type: 'draftChanged', draft: { text: 'my own words', encrypt: true } });
    await acting.replaceText('Drafted: please check order 2026-11-28.');
    assert.deepStrictEqual(posted.filter((m) => m.type === 'draft').at(-1), {
      type: 'draft',
      draft: { text: 'Drafted: please check order 2026-11-28.', encrypt: true },
      replace: true,
    });
    assert.strictEqual((await drafts.load(ticketId)).text, 'Drafted: please check order 2026-11-28.');
    assert.strictEqual(acting.draftText(), 'Drafted: please check order 2026-11-28.');
  });

  it('a reply refused because support completed the ticket meanwhile says so by the status name; the error goes once it is replyable again', async () => {
    // The panel loaded the ticket waiting for the user; support completed it before the reply was sent.
    const { ticketId, acting, idle, drafts, replied } = setUp(3);
    env.emu.setTicketStatus(ticketId, 6);
    acting.handle({ type: 'send', draft: { text: 'One more thing', encrypt: false } });
    await idle();
    assert.strictEqual(replied(), 0, 'a refused reply does not count as replying');
    assert.strictEqual(count('ReplyTicket'), 1, 'a refusal is not retried');
    const notice = acting.state().notice!;
    assert.deepStrictEqual(notice, {
      kind: 'error',
      text: 'Support takes no replies on this ticket now: it is Completed. Your text and attachments are kept below; to send them, reopen the ticket if that is offered.',
    });
    assert.doesNotMatch(notice.text, /ReplyTicket|illegal|status \d|HTTP/, 'no API names, codes or status numbers');
    assert.deepStrictEqual(acting.state().actions, { reply: false, close: false, reopen: true, rate: true });
    assert.strictEqual(drafts.get(ticketId).text, 'One more thing');
    // Reopened elsewhere, then Refresh: the box is replyable again and the old error is gone.
    env.emu.setTicketStatus(ticketId, 2);
    acting.setTicket({ status: { value: 2, label: '' } });
    assert.strictEqual(acting.state().notice, undefined, 'the refusal is about a status that has moved on');
    assert.strictEqual(acting.state().actions.reply, true);
  });

  it('Discard Unsent Reply removes the kept text and attachments from the page and storage', async () => {
    const { ticketId, acting, posted, drafts } = setUp(6);
    acting.handle({ type: 'draftChanged', draft: { text: 'Too late now', encrypt: false } });
    await acting.attach('trace.log', 3, () => Promise.resolve(new Uint8Array([1, 2, 3])));
    assert.strictEqual(drafts.get(ticketId).attachments.length, 1);
    acting.handle({ type: 'discardDraft' });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(drafts.get(ticketId), { text: '', encrypt: false, attachments: [], savedAt: 0 });
    assert.deepStrictEqual(acting.state().attachments, []);
    assert.deepStrictEqual(posted.filter((m) => m.type === 'draft').at(-1), {
      type: 'draft',
      draft: { text: '', encrypt: false },
      replace: true,
    });
  });

  it('a refusal that is not about the status keeps the server’s reason', async () => {
    const { ticketId, acting, idle, drafts } = setUp(3);
    env.emu.inject({ kind: 'status', status: 400, action: 'ReplyTicket' });
    acting.handle({ type: 'send', draft: { text: 'Once more', encrypt: false } });
    await idle();
    const notice = acting.state().notice!;
    assert.strictEqual(notice.kind, 'error');
    assert.match(notice.text, /^The reply was not sent: .*Your text and attachments are kept\.$/);
    assert.strictEqual(drafts.get(ticketId).text, 'Once more');
  });

  it('a 500 on send: unknown outcome, the conversation is checked, the reply is not there, the draft stays', async () => {
    const { ticketId, acting, idle, drafts } = setUp(3);
    env.emu.inject({ kind: 'status', status: 500, action: 'ReplyTicket' });
    acting.handle({ type: 'send', draft: { text: 'Did this arrive?', encrypt: false } });
    await idle();
    assert.strictEqual(count('ReplyTicket'), 1, 'not retried');
    assert.ok(
      env.emu.requests.some((r) => r.action === 'ListTicketNotes'),
      'the conversation was reloaded to check',
    );
    assert.match(acting.state().notice!.text, /not in it, so it is safe to send it again/);
    assert.strictEqual(drafts.get(ticketId).text, 'Did this arrive?');
  });

  it('processed, then the connection dropped: the reply is found in the conversation, the draft cleared, nothing sent twice', async () => {
    const { ticketId, acting, idle, drafts, replied } = setUp(3);
    env.emu.inject({ kind: 'dropAfterProcessing', action: 'ReplyTicket' });
    acting.handle({ type: 'send', draft: { text: 'Arrived after all', encrypt: false } });
    await idle();
    assert.strictEqual(replied(), 1, 'found in the conversation: it counts as replied');
    assert.strictEqual(count('ReplyTicket'), 1);
    assert.strictEqual(env.emu.notesOf(ticketId).filter((n) => n.content === 'Arrived after all').length, 1);
    assert.match(acting.state().notice!.text, /Your reply arrived/);
    assert.strictEqual(acting.state().notice!.kind, 'success');
    assert.strictEqual(drafts.get(ticketId).text, '');
  });

  it('refuses an empty reply, a too large file and a send while an upload is unfinished, without a request', async () => {
    const { acting, until } = setUp(2);
    acting.handle({ type: 'send', draft: { text: '   ', encrypt: false } });
    assert.deepStrictEqual(acting.state().notice, { kind: 'error', text: 'Write a reply before sending.' });
    await acting.attach('huge.bin', 21 * 1024 * 1024, () => Promise.reject(new Error('must not be read')));
    assert.match(acting.state().attachments[0].error!, /21\.0 MB is too large: attachments can be at most 20 MB/);
    acting.handle({ type: 'send', draft: { text: 'with the failed one', encrypt: false } });
    assert.match(acting.state().notice!.text, /could not be uploaded: remove it/);
    acting.handle({ type: 'removeAttachment', id: acting.state().attachments[0].id });
    await until('the removal', (s) => s.attachments.length === 0);
    assert.strictEqual(count('ReplyTicket') + count('GetAttachmentUploadUrl'), 0);
  });

  it('a draft written before survives into a new panel (the store is what a reload reads)', async () => {
    const first = setUp(3);
    first.acting.handle({ type: 'draftChanged', draft: { text: 'half written', encrypt: true } });
    await new Promise((r) => setTimeout(r, 20));
    // Confidential: the text was kept in the scope's SecretStorage only, and the new panel reads it from there.
    assert.ok(!JSON.stringify([...first.store.values]).includes('half written'));
    const second = setUp(3, { store: first.store });
    second.acting.onReady();
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(second.posted.filter((m) => m.type === 'draft').at(-1), {
      type: 'draft',
      draft: { text: 'half written', encrypt: true },
      replace: true,
    });
  });

  it('closes only after the question was answered yes; the status then offers reopen and rate', async () => {
    const declined = setUp(2, { confirm: false });
    declined.acting.handle({ type: 'closeTicket' });
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(count('CloseTicket'), 0);
    const { ticketId, acting, idle } = setUp(2);
    acting.handle({ type: 'closeTicket' });
    await idle();
    assert.deepStrictEqual(acting.state().notice, { kind: 'success', text: 'Ticket closed.' });
    assert.strictEqual(env.emu.getTicket(ticketId)!.status, 6);
    assert.deepStrictEqual(acting.state().actions, { reply: false, close: false, reopen: true, rate: true });
  });

  it('reopens with the reason as content; an empty reason is asked for first', async () => {
    const { ticketId, acting, idle, posted } = setUp(6);
    acting.handle({ type: 'reopen', reason: ' ' });
    assert.match(acting.state().notice!.text, /Say why the ticket is reopened/);
    acting.handle({ type: 'reopen', reason: 'It broke again tonight.' });
    await idle();
    assert.strictEqual(env.emu.getTicket(ticketId)!.status, 1);
    assert.strictEqual(env.emu.notesOf(ticketId).at(-1)!.content, 'It broke again tonight.');
    assert.ok(posted.some((m) => m.type === 'formDone' && m.form === 'reopen'));
    assert.strictEqual(acting.state().actions.reply, true);
  });

  it('rates a completed ticket; the server refusing a second action is shown', async () => {
    const { ticketId, acting, idle, until } = setUp(6);
    acting.handle({ type: 'rate', solved: true, score: 5, comment: 'Quick and clear.' });
    await idle();
    assert.deepStrictEqual(env.emu.getEvaluation(ticketId), { solved: true, score: 5, content: 'Quick and clear.' });
    assert.match(acting.state().notice!.text, /rating was sent/);
    // The page would not offer Close on a completed ticket; if it were sent anyway the server has the last word.
    acting.handle({ type: 'closeTicket' });
    await until('the refusal', (s) => /not closed/.test(s.notice?.text ?? ''));
    assert.deepStrictEqual(acting.state().notice, {
      kind: 'error',
      text: 'The ticket was not closed: it is Completed now.',
    });
  });

  it('after a rating Rate is not offered again, in this panel or the next, and the panel says what was sent; a reopen asks anew', async () => {
    const first = setUp(6);
    assert.strictEqual(first.acting.state().actions.rate, true);
    assert.strictEqual(first.acting.state().rated, undefined);
    first.acting.handle({ type: 'rate', solved: false, score: 2, comment: 'Slow.' });
    await first.idle();
    const said = 'You rated this ticket 2 of 5 and said the problem was not solved.';
    assert.strictEqual(first.acting.state().actions.rate, false, 'Rate is not offered again');
    assert.strictEqual(first.acting.state().actions.reopen, true);
    assert.strictEqual(first.acting.state().rated, said);
    assert.ok(!JSON.stringify([...first.store.values]).includes('Slow.'), 'the comment is not kept');
    const second = setUp(6, { store: first.store });
    assert.strictEqual(second.acting.state().actions.rate, false, 'nor in a panel opened later');
    assert.strictEqual(second.acting.state().rated, said);
    second.acting.handle({ type: 'reopen', reason: 'Still slow.' });
    await second.idle();
    assert.strictEqual(second.acting.state().rated, undefined, 'reopened: not done, nothing to rate');
    env.emu.setTicketStatus(second.ticketId, 6);
    second.acting.setTicket({ status: { value: 6, label: '' } });
    assert.strictEqual(second.acting.state().actions.rate, true, 'done again: it may be rated again');
  });
});
