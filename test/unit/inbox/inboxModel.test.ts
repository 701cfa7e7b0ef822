// The Inbox's pure parts: which answers it lists and in what order, what a row says (outside text inert), and the
// unread answers behind it (seen one at a time, all at once, per account, across restarts).
import * as assert from 'assert';
import type { TicketNote } from '../../../src/api/types';
import { UnreadNotes } from '../../../src/features/details/unread';
import { firstLine, inboxItemLook, inboxItems } from '../../../src/features/inbox/inboxModel';
import { accountScopedState } from '../../../src/tickets/accountFiles';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-strings';
import { MemoryStore } from '../details/memoryStore';

const note = (dialogId: string, createTime: number, content: string, role = 2, unread = true): TicketNote => ({
  dialogId,
  createTime,
  content,
  userName: `agent-${dialogId}`,
  userRole: role,
  attachments: [],
  unread,
});

describe('inbox/model', () => {
  it('lists unseen answers from support across tickets, newest first, with title, author and first line', () => {
    const unread = new UnreadNotes(new MemoryStore());
    unread.update('T1', [note('1', 100, 'Old answer'), note('2', 300, '\n\n  Newest answer\nsecond line')]);
    unread.update('T2', [note('3', 200, 'Middle'), note('4', 400, 'mine', 3), note('5', 500, 'read', 2, false)]);
    const items = inboxItems(unread.unreadNotes(), (id) => (id === 'T1' ? 'Renewal fails' : undefined));
    assert.deepStrictEqual(
      items.map((i) => [i.ticketId, i.dialogId, i.title, i.author, i.firstLine]),
      [
        ['T1', '2', 'Renewal fails', 'agent-2', 'Newest answer'],
        ['T2', '3', '', 'agent-3', 'Middle'],
        ['T1', '1', 'Renewal fails', 'agent-1', 'Old answer'],
      ],
    );
  });

  it('after a first sign-in, reading old conversations adds nothing: only answers since then, unread on the server, are new', () => {
    const signedIn = Date.UTC(2026, 11, 6, 14);
    const day = 24 * 3600_000;
    let since: number | undefined = signedIn;
    const unread = new UnreadNotes(new MemoryStore(), () => since);
    const counts: number[] = [];
    // The search index's fill reads one old conversation after another: each has an answer the server still marks
    // unread, written weeks before this machine's first sign-in. The count stays what it was.
    for (let i = 0; i < 20; i++) {
      unread.update(`OLD${i}`, [note(`o${i}`, signedIn - (i + 1) * 4 * day, 'Old answer')]);
      counts.push(unread.total());
    }
    assert.deepStrictEqual(new Set(counts), new Set([0]), 'the Inbox and the badge do not climb');
    // Written since the sign-in (or in the minutes before it: the clocks differ): new. Read on the server: not new.
    unread.update('NEW1', [
      note('n1', signedIn + 60_000, 'We found it'),
      note('n2', signedIn + 120_000, 'Read', 2, false),
    ]);
    unread.update('NEW2', [note('n3', signedIn - 5 * 60_000, 'While you signed in')]);
    assert.deepStrictEqual(
      inboxItems(unread.unreadNotes(), () => undefined).map((i) => i.dialogId),
      ['n1', 'n3'],
    );
    // An account saved by an earlier version has no first sign-in: every answer the server marks unread counts.
    since = undefined;
    unread.update('OLD0', [note('o0', signedIn - 4 * day, 'Old answer')]);
    assert.strictEqual(unread.total(), 3);
  });

  it('one answer is one row and counts once, however often the data holds it or however its ticket id is spelled', () => {
    const unread = new UnreadNotes(new MemoryStore());
    const answer = note('7', 100, 'We found the cause');
    unread.update('0091INBOXA', [answer, note('8', 50, 'mine', 3), { ...answer }]);
    assert.strictEqual(unread.total(), 1, 'the same dialog twice in one conversation');
    unread.update('0091inboxa', [answer]);
    const items = inboxItems(unread.unreadNotes(), () => 'ECS will not start');
    assert.deepStrictEqual(
      items.map((i) => [i.ticketId, i.dialogId]),
      [['0091INBOXA', '7']],
    );
    assert.strictEqual(unread.total(), 1, 'the badge counts it once too');
    // Data that reached the model some other way (a copy read from disk, say) still gives one row per answer.
    const twice = new Map([
      ['0091INBOXA', [answer, answer]],
      ['0091inboxa', [answer]],
    ]);
    assert.strictEqual(inboxItems(twice, () => undefined).length, 1);
  });

  it('answers with the same words on different tickets are told apart at the usual sidebar width: id and age lead', () => {
    const now = Date.UTC(2026, 11, 5, 12);
    const line = 'We found the cause: the security group rule was missing for the health check source range.';
    const labels = ['00092AAAA', '0041BBBBB', '006CCCCCC'].map(
      (ticketId, i) =>
        inboxItemLook(
          {
            ticketId,
            title: 'SLB health check failing',
            dialogId: '1',
            author: 'Kevin',
            firstLine: line,
            createTime: now - (i + 1) * 86_400_000,
          },
          now,
        ).label,
    );
    // A sidebar cuts a row from its end: what tells the three apart must come before the long line.
    assert.deepStrictEqual(
      labels.map((label) => label.slice(0, label.indexOf(line))),
      ['00092AAAA · 1d · ', '0041BBBBB · 2d · ', '006CCCCCC · 3d · '],
    );
  });

  it('a row says who answered, on which ticket, how long ago; its click opens that answer', () => {
    const now = Date.UTC(2026, 11, 5, 12);
    const look = inboxItemLook(
      {
        ticketId: 'T1',
        title: 'Renewal fails',
        dialogId: '2',
        author: 'Alice',
        firstLine: 'Please send the order number.',
        createTime: now - 3 * 3600_000,
      },
      now,
      'UTC',
    );
    assert.strictEqual(look.label, 'T1 · 3h · Please send the order number.');
    assert.strictEqual(look.description, 'Alice · Renewal fails');
    assert.strictEqual(look.accessibilityLabel, 'Answer from Alice on ticket T1, 3h: Please send the order number.');
    assert.deepStrictEqual(look.icon, { id: 'comment-unresolved', color: 'charts.orange' });
    assert.deepStrictEqual(look.command.arguments, [{ ticketId: 'T1', dialogId: '2' }]);
    assert.match(look.tooltip, /Alice answered 2026\\-12\\-05 09\\:00/);
  });

  it('outside text in a row stays inert: one line, no icon syntax, markdown escaped in the tooltip', () => {
    for (const hostile of HOSTILE_STRINGS) {
      const look = inboxItemLook(
        {
          ticketId: 'T1',
          title: hostile.value,
          dialogId: '1',
          author: hostile.value,
          firstLine: firstLine(hostile.value),
          createTime: 1,
        },
        2,
      );
      for (const text of [look.label, look.description]) {
        assert.doesNotMatch(text, /[\r\n]/, hostile.label);
        assert.doesNotMatch(text, /\$\(/, `${hostile.label}: no codicon syntax`);
        assert.ok(text.length <= 400, hostile.label);
      }
      // Every character that could open a link, HTML or an icon is backslash-escaped (or the $ an entity).
      assert.doesNotMatch(look.tooltip, /(?<!\\)[<>[\]()`]|\$/, `${hostile.label}: no link or HTML in the tooltip`);
    }
  });

  it('firstLine skips empty lines and keeps one line', () => {
    assert.strictEqual(firstLine('\r\n \nHello\u2028world'), 'Hello');
    assert.strictEqual(firstLine(''), '');
  });
});

describe('inbox/unread answers', () => {
  it('one answer is marked seen at a time, or all at once; seen stays seen after a restart', async () => {
    const store = new MemoryStore();
    const unread = new UnreadNotes(store);
    unread.update('T1', [note('1', 1, 'a'), note('2', 2, 'b')]);
    unread.update('T2', [note('3', 3, 'c')]);
    assert.strictEqual(unread.total(), 3);
    await unread.markSeen('T1', ['2']);
    assert.deepStrictEqual(
      inboxItems(unread.unreadNotes(), () => '').map((i) => i.dialogId),
      ['3', '1'],
    );
    await unread.markAllSeen();
    assert.strictEqual(unread.total(), 0);
    const restarted = new UnreadNotes(store);
    restarted.update('T1', [note('1', 1, 'a'), note('2', 2, 'b'), note('6', 6, 'new')]);
    restarted.update('T2', [note('3', 3, 'c')]);
    assert.deepStrictEqual(
      inboxItems(restarted.unreadNotes(), () => '').map((i) => i.dialogId),
      ['6'],
    );
  });

  it('seen marks belong to the account: another account sees its own, signed out keeps none', async () => {
    const store = new MemoryStore();
    let account: string | undefined = 'acc-a';
    const unread = new UnreadNotes(accountScopedState(store, () => account));
    unread.update('T1', [note('1', 1, 'a')]);
    await unread.markSeen('T1');
    account = 'acc-b';
    unread.reset();
    assert.deepStrictEqual([...unread.update('T1', [note('1', 1, 'a')])], ['1'], 'account B has not seen it');
    assert.deepStrictEqual([...store.values.keys()], ['seenNotes.acc-a']);
    account = undefined;
    await unread.markSeen('T1');
    assert.deepStrictEqual([...store.values.keys()], ['seenNotes.acc-a'], 'nothing kept signed out');
  });
});
