// The last-known ticket copy: kept per account on disk, read back by the next window (also one opened right after
// the ticket was read), never holding a confidential note, nothing on disk with the local copy off, and everything of
// an account removed with it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Ticket, TicketNote } from '../../../src/api/types';
import { removeGoneAccounts, type AccountData } from '../../../src/tickets/accountFiles';
import { LastKnownTickets } from '../../../src/tickets/lastKnown';
import { MemoryStore } from '../details/memoryStore';
import { folderAccountData } from './folderAccountData';
import { accountsFolder, accountStorageDir } from '../../../src/common/accountScope';

const ticket = (ticketId: string): Ticket => ({
  ticketId,
  title: `Title ${ticketId}`,
  description: 'Description',
  createTime: 1,
  creatorId: 'c',
  categoryId: '1',
  status: { label: 'Processing', value: 2 },
  severity: { label: 'Common', value: 1 },
});
const note = (dialogId: string, content: string): TicketNote => ({
  dialogId,
  createTime: 1,
  content,
  userName: 'n',
  userRole: 2,
  attachments: [],
});

describe('tickets/lastKnown', () => {
  let dir: string;
  let account: string | undefined;
  let keep: boolean;
  let data: AccountData;
  const make = () => new LastKnownTickets({ data, keepLocalCopy: () => keep, now: () => 1000 });
  const filesOf = (id: string) => fs.readdirSync(accountStorageDir(dir, id)).sort();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastknown-'));
    account = 'acc-a';
    keep = true;
    data = folderAccountData(dir, () => account);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a ticket read in a new window before its files were read keeps the conversation on disk and in memory', async () => {
    const first = make();
    first.rememberTicket('T1', ticket('T1'));
    first.rememberNotes('T1', [note('1', 'an answer from support')]);
    first.rememberNotes('T2', [note('2', 'another answer')]);
    await first.flush();
    // A reloaded window fetches the ticket (the Tickets view, a hover) before its copies were read from disk.
    const second = make();
    second.rememberTicket('T1', { ...ticket('T1'), title: 'Renamed' });
    await second.flush();
    await second.load();
    assert.strictEqual(second.get('T1')?.ticket?.title, 'Renamed', 'what this window read wins');
    assert.deepStrictEqual(
      second.get('T1')?.notes?.map((n) => n.content),
      ['an answer from support'],
      'the conversation on disk is kept (the Inbox and an offline panel read it)',
    );
    await second.flush();
    const third = make();
    await third.load();
    assert.deepStrictEqual(
      third.get('T1')?.notes?.map((n) => n.content),
      ['an answer from support'],
    );
    assert.strictEqual(third.get('T1')?.ticket?.title, 'Renamed');
    assert.deepStrictEqual(
      third.get('T2')?.notes?.map((n) => n.content),
      ['another answer'],
    );
  });

  it('keeps what the server said per account; the next window reads it back', async () => {
    const first = make();
    first.rememberTicket('T1', ticket('T1'));
    first.rememberNotes('T1', [note('1', 'hello')]);
    await first.flush();
    const second = make();
    await second.load();
    const known = second.get('T1');
    assert.strictEqual(known?.ticket?.title, 'Title T1');
    assert.deepStrictEqual(
      known?.notes?.map((n) => n.content),
      ['hello'],
    );
    assert.strictEqual(known?.savedAt, 1000);
    account = 'acc-b';
    assert.strictEqual(second.get('T1'), undefined, "another account never sees this account's tickets");
    assert.deepStrictEqual(filesOf('acc-a'), ['ticket-T1.json']);
  });

  /** Documents in memory whose writes can be held back: what is on "disk" and how many writes reached it. */
  function heldStore() {
    const files = new Map<string, string>();
    let release: (() => void) | undefined;
    let held: Promise<void> | undefined;
    const store = {
      files,
      writes: 0,
      hold: () => {
        held = new Promise<void>((resolve) => (release = resolve));
      },
      release: () => ((held = undefined), release?.()),
    };
    const documents = {
      read: async (name: string) => (files.has(name) ? JSON.parse(files.get(name)!) : undefined),
      write: async (name: string, value: unknown) => {
        const text = JSON.stringify(value);
        await held;
        files.set(name, text);
        store.writes++;
      },
      remove: async (name: string) => void files.delete(name),
      names: async () => [...files.keys()],
    };
    data = { ...data, documents: () => documents };
    return store;
  }

  it('a ticket fetched again right after a reload, before its file was read, keeps the conversation the file holds', async () => {
    const first = make();
    first.rememberTicket('T1', ticket('T1'));
    first.rememberNotes('T1', [note('1', 'the answer')]);
    await first.flush();
    // The next window: the ticket comes back from the server (GetTicket) while the files are still being read.
    const second = make();
    const changed = { ...ticket('T1'), title: 'Renamed' };
    second.rememberTicket('T1', changed);
    await second.flush();
    await second.load();
    assert.strictEqual(second.get('T1')?.ticket?.title, 'Renamed', 'the fresher ticket wins');
    assert.deepStrictEqual(
      second.get('T1')?.notes?.map((n) => n.content),
      ['the answer'],
      'the conversation read before the reload is still known (the Inbox and search need it)',
    );
    // And on disk, for the window after that.
    const third = make();
    await third.load();
    assert.deepStrictEqual(
      third.get('T1')?.notes?.map((n) => n.content),
      ['the answer'],
    );
    assert.strictEqual(third.get('T1')?.ticket?.title, 'Renamed');
  });

  it('writes what the server said at once, with no timer: a window reloaded right after reading a ticket finds its conversation', async () => {
    const store = heldStore();
    const first = make();
    first.rememberTicket('T1', ticket('T1'));
    first.rememberNotes('T1', [note('1', 'the answer read last')]);
    // The extension host stops a moment after its window goes; no timer of this one runs any more. A few turns of the
    // event loop (no time passes) are all the write may take.
    for (let turn = 0; turn < 20 && !store.files.has('ticket-T1'); turn++)
      await new Promise((resolve) => setImmediate(resolve));
    const next = make();
    await next.load();
    assert.deepStrictEqual(
      next.get('T1')?.notes?.map((n) => n.content),
      ['the answer read last'],
      'the next window has the conversation',
    );
  });

  it('what changes while a write is under way goes to disk right after it, the latest content once', async () => {
    const store = heldStore();
    const lastKnown = make();
    store.hold();
    lastKnown.rememberTicket('T1', ticket('T1'));
    await new Promise((resolve) => setImmediate(resolve));
    lastKnown.rememberNotes('T1', [note('1', 'first')]);
    lastKnown.rememberNotes('T1', [note('1', 'first'), note('2', 'second')]);
    store.release();
    await lastKnown.flush();
    const onDisk = JSON.parse(store.files.get('ticket-T1')!) as { notes: TicketNote[] };
    assert.deepStrictEqual(
      onDisk.notes.map((n) => n.content),
      ['first', 'second'],
    );
    assert.strictEqual(store.writes, 2, 'the ticket, then its notes once');
  });

  it('a note sent as confidential is dropped from the copy and never written, in this window or the next', async () => {
    const lastKnown = make();
    lastKnown.rememberNotes('T1', [note('1', 'public'), note('2', 'my password is hunter2')]);
    await lastKnown.markConfidential('T1', '2');
    lastKnown.rememberNotes('T1', [note('1', 'public'), note('2', 'my password is hunter2')]);
    await lastKnown.flush();
    const onDisk = fs
      .readdirSync(accountStorageDir(dir, 'acc-a'))
      .map((f) => fs.readFileSync(path.join(accountStorageDir(dir, 'acc-a'), f), 'utf8'));
    assert.ok(!onDisk.join('').includes('hunter2'), 'the confidential text is on disk');
    assert.deepStrictEqual(
      lastKnown.get('T1')?.notes?.map((n) => n.dialogId),
      ['1'],
    );
  });

  it('with the local copy off nothing is written, and what was written goes', async () => {
    const lastKnown = make();
    lastKnown.rememberNotes('T1', [note('1', 'kept')]);
    await lastKnown.flush();
    keep = false;
    await make().load();
    assert.deepStrictEqual(filesOf('acc-a'), []);
    lastKnown.rememberNotes('T2', [note('2', 'not kept')]);
    await lastKnown.flush();
    assert.deepStrictEqual(filesOf('acc-a'), []);
    assert.strictEqual(lastKnown.get('T2')?.notes?.[0].content, 'not kept', 'memory still serves this window');
  });

  it('an account no longer saved loses its folder and its seen marks; the others keep theirs', async () => {
    const lastKnown = make();
    lastKnown.rememberNotes('T1', [note('1', 'a')]);
    await lastKnown.flush();
    account = 'acc-b';
    lastKnown.rememberNotes('T9', [note('9', 'b')]);
    await lastKnown.flush();
    const memory = new MemoryStore();
    const state = Object.assign(memory, { keys: () => [...memory.values.keys()] });
    await state.update('aliyunTickets.seenNotes.acc-a', { T1: ['1'] });
    await state.update('aliyunTickets.seenNotes.acc-b', { T9: ['9'] });
    await state.update('aliyunTickets.seenNotes', { old: ['x'] });
    await removeGoneAccounts(data, ['acc-b'], state, ['aliyunTickets.seenNotes']);
    assert.deepStrictEqual(fs.readdirSync(accountsFolder(dir)), ['acc-b']);
    assert.deepStrictEqual(state.keys(), ['aliyunTickets.seenNotes.acc-b']);
  });
});
