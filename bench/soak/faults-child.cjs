// Faults in the middle of an action (issue 23, item 3): dist/extension.js activated with the vscode stand-in
// (standin.cjs), against an emulator that gives a fault at random to 10% of the requests (the caller set it, seeded).
// The main flows run `rounds` times: open a ticket, refresh the view and the panel, reply with an attachment, close,
// rate, create a ticket, switch accounts. Every outcome the user sees is collected. Then the child says
//   {"phase":"faulted", ...}
// on stdout and waits for a line on stdin (the caller stops the faults meanwhile); then it refreshes, sends again
// what was kept, and reports what the views show: {"phase":"calm", ...}. The caller (test/unit/soak/faults.test.ts)
// compares both with the emulator's records.
//   node bench/soak/faults-child.cjs '<{ url, credentials, otherCredentials, rounds, storageDir, tickets }>'
'use strict';
const readline = require('node:readline');
const { standIn, activate, idle, showView, sleep, command } = require('./harness.cjs');

const input = JSON.parse(process.argv[2]);
const stand = standIn(input.url);

// What reached the user: notifications, and the log's error lines (an error there is a bug, not a fault).
const shown = [];
const logErrors = [];
const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(String(reason?.stack ?? reason)));
process.on('uncaughtException', (error) => unhandled.push(String(error?.stack ?? error)));
for (const kind of ['showErrorMessage', 'showWarningMessage', 'showInformationMessage']) {
  stand.vscode.window[kind] = async (message) => {
    shown.push({ kind, message: String(message) });
    return undefined;
  };
}
const channel = stand.vscode.window.createOutputChannel;
stand.vscode.window.createOutputChannel = (...args) => ({
  ...channel(...args),
  error: (line) => logErrors.push(String(line)),
});

async function until(what, check, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Words, not a programmer's leftovers. */
const isWords = (text) =>
  typeof text === 'string' && text.trim().length >= 8 && !/undefined|\[object |NaN|^\s*[{[]/.test(text);

(async () => {
  const api = activate(stand, input.storageDir);
  api.panels.answerQuestions({ confirmClose: async () => true, askAboutSecrets: async () => 'send' });
  const outcomes = [];
  const note = (flow, ok, text, extra = {}) => outcomes.push({ flow, ok, text, worded: ok || isWords(text), ...extra });

  /** Signing in is a flow of its own: under faults it may fail, and says why. */
  const signIn = async (credentials, flow) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await api.auth.signInWith(credentials);
        return;
      } catch (error) {
        note(flow, false, String(error?.message ?? error));
      }
    }
    throw new Error('could not sign in in 10 attempts');
  };
  await signIn(input.credentials, 'sign in');
  const demoId = () => api.accounts.list().find((a) => a.label && !a.id.includes('Other'))?.id;

  /** Posts the page's message and waits for the action to end with a notice (a write always ends with one). */
  const act = async (ticketId, flow, message) => {
    const before = JSON.stringify(api.panels.actingState(ticketId)?.notice);
    api.panels.receiveFromPage(ticketId, message);
    await until(`${flow} to end on ${ticketId}`, () => {
      const state = api.panels.actingState(ticketId);
      return state?.busy === undefined && JSON.stringify(state?.notice) !== before;
    }).catch(() => undefined);
    await idle(api);
    const notice = api.panels.actingState(ticketId)?.notice;
    note(flow, notice?.kind === 'success', notice?.text ?? '', { ticketId });
    return notice;
  };

  const openPanel = async (ticketId) => {
    await command('aliyunTickets.openTicket', ticketId);
    api.panels.receiveFromPage(ticketId, { type: 'ready' });
    await idle(api);
    await until(`the panel of ${ticketId}`, () => api.panels.actingState(ticketId));
    // A failed load shows its reason on the page.
    const html = api.panels.htmlFor(ticketId) ?? '';
    const loaded = !!api.ticketService.peekTicket(ticketId);
    note('open', loaded, loaded ? '' : html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' '), { ticketId });
    return loaded;
  };

  const replies = [];
  const creates = [];
  const touched = new Set();
  for (let round = 0; round < input.rounds; round++) {
    const [replyId, closeId] = input.tickets[round];
    touched.add(replyId).add(closeId);
    // Open, refresh the view and the panel.
    await openPanel(replyId);
    try {
      await command('aliyunTickets.explorer.refresh');
      await showView();
      note('refresh', true, '');
    } catch (error) {
      note('refresh', false, String(error?.message ?? error));
    }
    api.panels.receiveFromPage(replyId, { type: 'refresh' });
    await idle(api);

    // Reply with an attachment. A failed upload says so on the attachment; the reply then goes without it.
    if (api.panels.actingState(replyId)?.actions.reply) {
      const bytes = new TextEncoder().encode(`log line of round ${round}\n`);
      api.panels.receiveFromPage(replyId, { type: 'dropFile', name: `round-${round}.log`, bytes });
      await until('the upload to end', () =>
        api.panels.actingState(replyId)?.attachments.every((a) => a.state !== 'uploading'),
      );
      for (const failed of api.panels.actingState(replyId).attachments.filter((a) => a.state === 'failed')) {
        note('upload', false, failed.error ?? '');
        api.panels.receiveFromPage(replyId, { type: 'removeAttachment', id: failed.id });
      }
      const text = `Reply of round ${round} under faults, seed ${input.seed}.`;
      api.panels.receiveFromPage(replyId, { type: 'draftChanged', draft: { text, encrypt: false } });
      const notice = await act(replyId, 'reply', { type: 'send', draft: { text, encrypt: false } });
      // Not sent: the text is still in the box (and stored), for the user to send again.
      const kept = api.panels.draftText(replyId) === text;
      replies.push({ ticketId: replyId, text, sent: notice?.kind === 'success', kept });
    }
    for (const panel of [...stand.panels]) panel.dispose();

    // Close, then rate.
    if (await openPanel(closeId)) {
      if (api.panels.actingState(closeId)?.actions.close) {
        await act(closeId, 'close', { type: 'closeTicket' });
      }
      if (api.panels.actingState(closeId)?.actions.rate) {
        await act(closeId, 'rate', { type: 'rate', solved: true, score: 5, comment: `Round ${round}.` });
      }
    }
    for (const panel of [...stand.panels]) panel.dispose();

    // Create a ticket.
    const title = `Created in round ${round} under faults (seed ${input.seed})`;
    const draft = {
      productId: '4',
      productName: 'Elastic Compute Service',
      categoryId: '7161',
      categoryName: 'Renewal and billing',
      severity: 1,
      title,
      description: `Round ${round}: renewing fails.`,
      secret: '',
    };
    await command('aliyunTickets.newTicket');
    await api.newTicket.form.receive({ type: 'ready' });
    await api.newTicket.form.receive({ type: 'submit', draft });
    await until('the submit to end', () => {
      const sending = api.newTicket.form.postedMessages().filter((m) => m.type === 'sending');
      return !sending.at(-1)?.sending;
    });
    await idle(api);
    const created = !api.newTicket.form.isOpen();
    const problems = api.newTicket.form.postedMessages().filter((m) => m.type === 'problems');
    const said =
      problems.at(-1)?.message ??
      problems
        .at(-1)
        ?.problems?.map((p) => p.message)
        .join(' ') ??
      '';
    note('create', created, created ? '' : said);
    creates.push({ title, created, kept: created || (await api.newTicket.form.currentDraft()).title === title });
    if (!created) await api.newTicket.form.receive({ type: 'discard' });
    for (const panel of [...stand.panels]) panel.dispose();

    // Switch accounts and back.
    await signIn(input.otherCredentials, 'switch account');
    await showView();
    const back = demoId();
    if (back) await api.accounts.switchTo(back);
    const other = api.accounts.list().find((a) => !a.active);
    if (other) await api.auth.signOut(other.id);
  }
  await idle(api);
  const faulted = { phase: 'faulted', outcomes, replies, creates, shown: [...shown] };
  process.stdout.write(JSON.stringify(faulted) + '\n');

  // The caller stops the faults; then everything is refreshed and what was kept is sent again.
  await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once('line', resolve));
  await sleep(300);
  await command('aliyunTickets.explorer.refresh');
  const rows = await showView();
  const resent = [];
  for (const reply of replies.filter((r) => !r.sent && r.kept)) {
    await openPanel(reply.ticketId);
    if (api.panels.draftText(reply.ticketId) !== reply.text) continue;
    const notice = await act(reply.ticketId, 'reply again', {
      type: 'send',
      draft: { text: reply.text, encrypt: false },
    });
    resent.push({ text: reply.text, sent: notice?.kind === 'success', notice: notice?.text });
    for (const panel of [...stand.panels]) panel.dispose();
  }
  // What the panels show of every ticket touched, after a refresh.
  const panels = [];
  for (const ticketId of touched) {
    await openPanel(ticketId);
    api.panels.receiveFromPage(ticketId, { type: 'refresh' });
    await idle(api);
    panels.push({ ticketId, status: api.ticketService.peekTicket(ticketId)?.status.value });
    for (const panel of [...stand.panels]) panel.dispose();
  }
  await command('aliyunTickets.explorer.refresh');
  const after = await showView();
  await idle(api);
  const calm = {
    phase: 'calm',
    rowsBefore: rows.length,
    rows: after,
    panels,
    resent,
    unhandled,
    logErrors,
    accounts: api.accounts.list(),
  };
  process.stdout.write(JSON.stringify(calm) + '\n');
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.stdout.write(JSON.stringify({ phase: 'crashed', error: String(err?.stack ?? err), unhandled }) + '\n');
  process.exit(1);
});
