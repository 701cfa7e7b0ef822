// Drafts per ticket: kept as written, removed when empty or cleared, and unreadable stored values dropped.
import * as assert from 'assert';
import { DraftStore } from '../../../src/features/details/draftStore';
import { UnreadNotes } from '../../../src/features/details/unread';
import type { TicketNote } from '../../../src/api/types';
import { MemoryStore } from './memoryStore';

describe('details/draftStore', () => {
  it('keeps a draft per ticket with its text, switch and uploaded attachments', async () => {
    const store = new MemoryStore();
    const drafts = new DraftStore(store, () => 1000);
    await drafts.save('0005PYGCW', {
      text: 'Still failing',
      encrypt: true,
      attachments: [{ name: 'a.log', size: 3, objectKey: 'k1' }],
    });
    await drafts.save('001571BTXC', { text: 'Other', encrypt: false, attachments: [] });
    // A new store over the same storage: what a window reload sees.
    const again = new DraftStore(store);
    assert.deepStrictEqual(again.get('0005PYGCW'), {
      text: 'Still failing',
      encrypt: true,
      attachments: [{ name: 'a.log', size: 3, objectKey: 'k1' }],
      savedAt: 1000,
    });
    assert.strictEqual(again.get('001571BTXC').text, 'Other');
    assert.deepStrictEqual(again.get('0000NONE0'), { text: '', encrypt: false, attachments: [], savedAt: 0 });
  });

  it('removes a draft that became empty, and on clear', async () => {
    const store = new MemoryStore();
    const drafts = new DraftStore(store);
    await drafts.save('0005PYGCW', { text: 'x', encrypt: false, attachments: [] });
    await drafts.save('0005PYGCW', { text: '  ', encrypt: false, attachments: [] });
    assert.strictEqual(store.values.size, 0);
    await drafts.save('0005PYGCW', { text: 'x', encrypt: false, attachments: [] });
    await drafts.clear('0005PYGCW');
    assert.strictEqual(store.values.size, 0);
  });

  it('reads damaged stored values as far as they make sense', async () => {
    const store = new MemoryStore();
    await store.update('aliyunTickets.draft.A', {
      text: 'kept',
      encrypt: 'yes',
      attachments: [{ name: 'ok', size: 1, objectKey: 'k' }, { name: 'no key', size: 1 }, null],
    });
    await store.update('aliyunTickets.draft.B', 'garbage');
    const drafts = new DraftStore(store);
    assert.deepStrictEqual(drafts.get('A'), {
      text: 'kept',
      encrypt: false,
      attachments: [{ name: 'ok', size: 1, objectKey: 'k' }],
      savedAt: 0,
    });
    assert.strictEqual(drafts.get('B').text, '');
  });
});

describe('details/unread', () => {
  const note = (dialogId: string, role: number, unread: boolean): TicketNote => ({
    dialogId,
    createTime: 1,
    content: 'c',
    userName: 'n',
    userRole: role,
    attachments: [],
    unread,
  });

  it('counts unread answers from support until the panel was seen, across restarts', async () => {
    const store = new MemoryStore();
    const unread = new UnreadNotes(store);
    const changes: Array<string | undefined> = [];
    unread.onDidChange((id) => changes.push(id));
    const notes = [note('1', 3, true), note('2', 2, false), note('3', 2, true), note('4', 2, true)];
    assert.deepStrictEqual([...unread.update('T1', notes)], ['3', '4'], 'only support notes marked unread');
    assert.strictEqual(unread.count('T1'), 2);
    await unread.markSeen('T1');
    assert.strictEqual(unread.count('T1'), 0);
    assert.deepStrictEqual(changes, ['T1', 'T1']);
    // After a restart the same notes (still Status 1 on the server) are not new again; a later one is.
    const later = new UnreadNotes(store);
    assert.deepStrictEqual([...later.update('T1', [...notes, note('5', 2, true)])], ['5']);
  });
});
