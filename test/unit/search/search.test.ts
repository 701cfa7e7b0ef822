// Search's pure parts: what the local index finds (every word, any order, Chinese without word breaks, full-width
// letters), how hits rank, the line shown with the match marked, one list with the server's matches, and the
// background fill's request budget and which account's tickets it reads.
import * as assert from 'assert';
import type { StatusValue, Ticket, TicketNote } from '../../../src/api/types';
import { FailureScope, IndexBackfill } from '../../../src/features/search/backfill';
import { ListedTickets } from '../../../src/features/search/listedTickets';
import { SearchIndex, documentsOf, fold, matchLine } from '../../../src/features/search/searchIndex';
import { searchResults } from '../../../src/features/search/searchResults';
import type { KnownTicket } from '../../../src/tickets/lastKnown';
import { COMPLETED, PENDING, PROCESSING, TO_BE_CONFIRMED, WAITING_FOR_YOU } from '../../../src/tickets/status';

const ticket = (ticketId: string, title: string, description: string, createTime = 1000): Ticket => ({
  ticketId,
  title,
  description,
  createTime,
  creatorId: 'c',
  categoryId: '1',
  status: { label: 'Processing', value: 2 },
  severity: { label: 'Common', value: 1 },
});
const note = (dialogId: string, content: string, createTime: number, role = 2): TicketNote => ({
  dialogId,
  content,
  createTime,
  userName: role === 2 ? 'Agent Li' : 'me',
  userRole: role,
  attachments: [],
});
const known = (t: Ticket, notes: TicketNote[]): KnownTicket => ({ ticketId: t.ticketId, ticket: t, notes, savedAt: 1 });

function indexOf(...tickets: KnownTicket[]): SearchIndex {
  const index = new SearchIndex();
  for (const k of tickets) index.setTicket(k.ticketId, documentsOf(k));
  return index;
}

describe('search/index', () => {
  const a = known(ticket('T1', 'Renewal fails', 'The renewal of i-123 fails.'), [
    note('1', 'Hello.\nPlease flush the DNS cache on the instance, then retry.', 5000),
    note('2', 'I did flush it', 6000, 3),
  ]);
  const b = known(ticket('T2', 'RDS 连接超时', '数据库连接偶尔超时'), [
    note('3', '请检查安全组规则是否放行 3306 端口', 7000),
  ]);

  it('finds a phrase that is only in a support note, and names the note', () => {
    const hits = indexOf(a, b).search('DNS cache');
    assert.deepStrictEqual(
      hits.map((h) => [h.doc.ticketId, h.doc.field, h.doc.dialogId]),
      [['T1', 'note', '1']],
    );
    assert.strictEqual(hits[0].line, 'Please flush the DNS cache on the instance, then retry.');
    assert.deepStrictEqual(hits[0].highlights, [
      [17, 20],
      [21, 26],
    ]);
  });

  it('every word must be in the same document, in any order; case and full-width letters do not matter', () => {
    const index = indexOf(a, b);
    assert.deepStrictEqual(
      index.search('cache FLUSH').map((h) => h.doc.dialogId),
      ['1'],
    );
    assert.deepStrictEqual(
      index.search('ｄｎｓ').map((h) => h.doc.dialogId),
      ['1'],
    );
    assert.deepStrictEqual(index.search('cache nothing-like-this'), []);
    assert.deepStrictEqual(index.search('   '), []);
  });

  it('Chinese text matches without word breaks', () => {
    const hits = indexOf(a, b).search('安全组');
    assert.deepStrictEqual(
      hits.map((h) => [h.doc.ticketId, h.doc.dialogId]),
      [['T2', '3']],
    );
    assert.deepStrictEqual(hits[0].highlights, [[3, 6]]);
  });

  it('ranks title over description over notes, then the newest first', () => {
    const index = indexOf(a);
    assert.deepStrictEqual(
      index.search('renewal').map((h) => h.doc.field),
      ['title', 'description'],
    );
    assert.deepStrictEqual(
      index.search('flush').map((h) => h.doc.dialogId),
      ['2', '1'],
    );
  });

  it('a re-indexed ticket replaces its old text; an empty one leaves the index', () => {
    const index = indexOf(a);
    index.setTicket('T1', documentsOf(known(ticket('T1', 'Other', ''), [])));
    assert.deepStrictEqual(index.search('flush'), []);
    index.setTicket('T1', []);
    assert.strictEqual(index.size, 0);
  });

  it('the line shown is one line around the match, cut with an ellipsis, offsets kept by fold', () => {
    assert.strictEqual(fold('ÀB Ｃ\u0130').length, 'ÀB Ｃ\u0130'.length);
    const long = `${'x'.repeat(80)} needle ${'y'.repeat(200)}\nnext line`;
    const { line, highlights } = matchLine(long, 81, ['needle']);
    assert.ok(line.startsWith('…') && line.endsWith('…') && !line.includes('\n'), line);
    assert.strictEqual(line.slice(highlights[0][0], highlights[0][1]), 'needle');
    const controls = matchLine('bad\u202Etext here', 0, ['bad']);
    assert.strictEqual(controls.line, 'bad text here');
  });
});

describe('search/results', () => {
  it('one list: local hits first, then the server matches of tickets without a local hit', () => {
    const index = indexOf(known(ticket('T1', 'Renewal $(alert) fails', 'x'), []));
    const rows = searchResults(
      index.search('renewal'),
      [
        { ticketId: 'T1', title: 'Renewal fails', status: { label: '', value: 2 } },
        { ticketId: 'T9', title: 'Server-only [x](command:y)', status: { label: '', value: 2 } },
      ],
      10_000,
    );
    assert.deepStrictEqual(
      rows.map((r) => [r.ticketId, r.focus]),
      [
        ['T1', undefined],
        ['T9', ''],
      ],
    );
    // The label's own icon, then the title with its `$(` broken; the highlight still covers "Renewal".
    assert.ok(rows[0].label.startsWith('$(issues) Renewal $\u200D(alert) fails'), rows[0].label);
    const [s, e] = rows[0].highlights[0];
    assert.strictEqual(rows[0].label.slice(s, e), 'Renewal');
    assert.match(rows[1].detail ?? '', /server search/);
  });

  it('a note hit opens at its note and says who wrote it', () => {
    const index = indexOf(known(ticket('T1', 'Title', ''), [note('7', 'restart the $(x) agent', 1)]));
    const [row] = searchResults(index.search('agent'), [], 2);
    assert.strictEqual(row.focus, '7');
    assert.match(row.description, /Agent Li/);
    const [s, e] = row.highlights[0];
    assert.strictEqual(row.label.slice(s, e), 'agent');
  });
});

describe('search/backfill budget', () => {
  it('reads at most one conversation per 10 s, none while unfocused, and only tickets not read for a day', async () => {
    let now = 0;
    let focused = true;
    const readAt = new Map<string, number>([['T3', 0]]);
    const reads: string[] = [];
    const backfill = new IndexBackfill({
      unfinished: () => ['T1', 'T2', 'T3'],
      readAt: (id) => readAt.get(id),
      readNotes: async (id) => {
        reads.push(id);
        readAt.set(id, now);
      },
      failureScope: () => FailureScope.ThisTicket,
      focused: () => focused,
      enabled: () => true,
      now: () => now,
    });
    // 60 s of ticks every second.
    for (; now < 60_000; now += 1000) await backfill.tick();
    assert.deepStrictEqual(reads, ['T1', 'T2'], 'T3 was read recently; nothing else is due');
    now = 25 * 3600_000;
    focused = false;
    for (let i = 0; i < 30; i++, now += 1000) await backfill.tick();
    assert.strictEqual(reads.length, 2, 'no read while the window is unfocused');
    focused = true;
    const start = now;
    for (; now < start + 35_000; now += 1000) await backfill.tick();
    assert.deepStrictEqual(reads.slice(2), ['T1', 'T2', 'T3'], 'a day later, one every 10 s');
  });

  it('a ticket whose read failed waits ten minutes', async () => {
    let now = 0;
    let attempts = 0;
    const backfill = new IndexBackfill({
      unfinished: () => ['T1'],
      readAt: () => undefined,
      readNotes: () => (attempts++, Promise.reject(new Error('not found'))),
      failureScope: () => FailureScope.ThisTicket,
      focused: () => true,
      enabled: () => true,
      now: () => now,
    });
    for (; now < 9 * 60_000; now += 1000) await backfill.tick();
    assert.strictEqual(attempts, 1);
    for (; now < 11 * 60_000; now += 1000) await backfill.tick();
    assert.strictEqual(attempts, 2);
  });

  /** A fill over three unfinished tickets whose reads fail with `failure` while it is set; ticks once a second. */
  function fillOver(failure: () => FailureScope | undefined) {
    const clock = { now: 0 };
    const readAt = new Map<string, number>();
    const status = new Map<string, number>([
      ['T1', 2],
      ['T2', 2],
      ['T3', 2],
    ]);
    const statusAtRead = new Map<string, number>();
    const requests: string[] = [];
    const backfill = new IndexBackfill({
      unfinished: () => [...status.keys()],
      readAt: (id) => readAt.get(id),
      changedSinceRead: (id) => statusAtRead.has(id) && statusAtRead.get(id) !== status.get(id),
      readNotes: async (id) => {
        requests.push(id);
        const scope = failure();
        if (scope !== undefined) throw Object.assign(new Error('refused'), { scope });
        readAt.set(id, clock.now);
        statusAtRead.set(id, status.get(id)!);
      },
      failureScope: (error) => (error as { scope: FailureScope }).scope,
      focused: () => true,
      enabled: () => true,
      now: () => clock.now,
    });
    const run = async (seconds: number) => {
      for (const end = clock.now + seconds * 1000; clock.now < end; clock.now += 1000) await backfill.tick();
    };
    return { backfill, requests, status, run };
  }

  it('stops at the first failure only a sign-in fixes (an expired STS token) and starts again after sign-in', async () => {
    let scope: FailureScope | undefined = FailureScope.SignIn;
    const fill = fillOver(() => scope);
    await fill.run(10 * 60);
    assert.deepStrictEqual(fill.requests, ['T1'], 'one request in ten minutes, not one every 10 s');
    assert.ok(fill.backfill.stoppedForSignIn);
    scope = undefined;
    fill.backfill.resume();
    await fill.run(30);
    assert.deepStrictEqual(fill.requests, ['T1', 'T1', 'T2', 'T3']);
  });

  it('a failure of the network or the server pauses the whole fill for ten minutes, not one ticket', async () => {
    let scope: FailureScope | undefined = FailureScope.EveryTicket;
    const fill = fillOver(() => scope);
    await fill.run(9 * 60);
    assert.deepStrictEqual(fill.requests, ['T1']);
    scope = undefined;
    await fill.run(2 * 60);
    assert.deepStrictEqual(fill.requests, ['T1', 'T1', 'T2', 'T3']);
  });

  it('sends nothing once every unfinished ticket is indexed and unchanged; a status change reads that ticket again', async () => {
    const fill = fillOver(() => undefined);
    await fill.run(60);
    assert.deepStrictEqual(fill.requests, ['T1', 'T2', 'T3']);
    assert.strictEqual(fill.backfill.due(), 0);
    await fill.run(60 * 60);
    assert.strictEqual(fill.requests.length, 3, 'an hour of nothing');
    fill.status.set('T2', 3);
    assert.strictEqual(fill.backfill.due(), 1);
    await fill.run(60);
    assert.deepStrictEqual(fill.requests, ['T1', 'T2', 'T3', 'T2']);
  });

  /** Account A's list: T1 and T2 unfinished (T2 listed last, so read first), T3 finished. */
  function listedForA() {
    const listed = new ListedTickets();
    const summary = (ticketId: string, value: StatusValue) => ({ ticketId, status: { label: String(value), value } });
    listed.listed([summary('T1', PROCESSING), summary('T3', COMPLETED), summary('T2', WAITING_FOR_YOU)]);
    const requests: string[] = [];
    const backfill = new IndexBackfill({
      unfinished: () => listed.ids(),
      readAt: () => undefined,
      readNotes: async (id) => void requests.push(id),
      failureScope: () => FailureScope.ThisTicket,
      focused: () => true,
      enabled: () => true,
      now: () => 0,
      intervalMs: 0,
    });
    return { listed, backfill, requests, summary };
  }
  const change = (kind: 'switched' | 'signedOut' | 'credentials') => ({
    reason: 'account' as const,
    account: { kind },
  });

  it('after a switch to another account (or a sign-out) the fill reads none of the tickets listed before', async () => {
    for (const kind of ['switched', 'signedOut'] as const) {
      const fill = listedForA();
      assert.deepStrictEqual(fill.listed.ids(), ['T2', 'T1'], 'unfinished only, the most recently listed first');
      fill.listed.sessionChanged(change(kind));
      await fill.backfill.tick();
      assert.deepStrictEqual(fill.requests, [], `${kind}: no read of account A's tickets`);
      assert.strictEqual(fill.backfill.due(), 0);
      fill.listed.listed([fill.summary('B1', PENDING)]);
      await fill.backfill.tick();
      assert.deepStrictEqual(fill.requests, ['B1'], `${kind}: the new lists are read`);
    }
  });

  it('new credentials of the same account keep its tickets, and a status changed since the read is due again', async () => {
    const fill = listedForA();
    fill.listed.sessionChanged(change('credentials'));
    fill.listed.sessionChanged({ reason: 'settings' });
    assert.deepStrictEqual(fill.listed.ids(), ['T2', 'T1']);
    fill.listed.read('T2');
    assert.strictEqual(fill.listed.changedSinceRead('T2'), false);
    fill.listed.listed([fill.summary('T2', TO_BE_CONFIRMED)]);
    assert.strictEqual(fill.listed.changedSinceRead('T2'), true, 'listed with another status than when read');
    fill.listed.listed([fill.summary('T2', COMPLETED)]);
    assert.deepStrictEqual(fill.listed.ids(), ['T1'], 'finished: no longer unfinished');
    assert.strictEqual(fill.listed.changedSinceRead('T2'), false);
  });
});
