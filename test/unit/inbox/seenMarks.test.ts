// Seen marks shared by the windows of a profile: an answer seen in one window leaves the Inbox of another that has it
// listed (the account folder's file changes and that window reads it), a window opened later does not list it (not even
// in its first look), two windows marking at once keep both marks, marks an older version kept in the memento count
// and move into the file, and another account sees none of them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { TicketNote } from '../../../src/api/types';
import { SEEN_MARKS_FILE, SeenMarks } from '../../../src/features/details/seenMarks';
import { SEEN_NOTES_KEY, UnreadNotes } from '../../../src/features/details/unread';
import { AccountFolders, type AccountData } from '../../../src/tickets/accountFiles';
import { MemoryStore } from '../details/memoryStore';
import { folderAccountData } from './folderAccountData';
import { accountsFolder, accountStorageDir } from '../../../src/common/accountScope';

const answer = (dialogId: string): TicketNote => ({
  dialogId,
  createTime: Number(dialogId),
  content: `answer ${dialogId}`,
  userName: 'Li Wei',
  userRole: 2,
  unread: true,
  attachments: [],
});

describe('inbox/seen marks across windows', () => {
  let dir: string;
  let account: string | undefined;
  let data: AccountData;
  const marks: SeenMarks[] = [];
  /** One window: its seen marks over the shared account folders, and its unread answers. */
  const window = (legacy?: MemoryStore) => {
    const seen = new SeenMarks({ data, folder: (id) => accountStorageDir(dir, id), legacy: () => legacy });
    marks.push(seen);
    return { seen, unread: new UnreadNotes(seen) };
  };
  const until = async (what: string, check: () => boolean) => {
    for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(check(), what);
  };
  const listed = (unread: UnreadNotes) => [...unread.unreadNotes().values()].flat().map((n) => n.dialogId);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seen-marks-'));
    account = 'acc-a';
    data = folderAccountData(dir, () => account);
    fs.mkdirSync(accountStorageDir(dir, 'acc-a'), { recursive: true });
  });
  afterEach(() => {
    for (const seen of marks.splice(0)) seen.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an answer seen in one window leaves the Inbox of another that lists it, and a window opened later', async () => {
    const one = window();
    const two = window();
    await Promise.all([one.seen.refresh(), two.seen.refresh()]);
    one.unread.update('T1', [answer('1'), answer('2')]);
    two.unread.update('T1', [answer('1'), answer('2')]);
    let changes = 0;
    two.unread.onDidChange(() => changes++);
    await one.unread.markSeen('T1', ['1']);
    // The file changed: window two reads it by itself (no call, no timer of the test).
    await until("window two's Inbox to drop the answer seen in window one", () => listed(two.unread).length === 1);
    assert.deepStrictEqual(listed(two.unread), ['2']);
    assert.ok(changes >= 1, 'the Inbox and the badge were told');
    const later = window();
    await later.seen.refresh();
    assert.deepStrictEqual([...later.unread.update('T1', [answer('1'), answer('2')])], ['2']);
    assert.ok(
      fs.existsSync(path.join(accountStorageDir(dir, 'acc-a'), `${SEEN_MARKS_FILE}.json`)),
      'kept in the account folder',
    );
  });

  it('a window opened later counts nothing seen elsewhere from its first look, before any read of its own finishes', async () => {
    const one = window();
    await one.seen.refresh();
    one.unread.update('T1', [answer('1'), answer('2')]);
    await one.unread.markSeen('T1', ['1']);
    // Its first answers come at once (the Inbox filled from the last-known copies, a panel restored by a reload):
    // no refresh awaited, no timer.
    const later = window();
    assert.deepStrictEqual([...later.unread.update('T1', [answer('1'), answer('2')])], ['2']);
    assert.deepStrictEqual(listed(later.unread), ['2'], 'its Inbox never lists the answer seen in window one');
    // The same for the account shown next: its own file, read at the switch.
    fs.mkdirSync(accountStorageDir(dir, 'acc-b'), { recursive: true });
    fs.writeFileSync(
      path.join(accountStorageDir(dir, 'acc-b'), `${SEEN_MARKS_FILE}.json`),
      JSON.stringify({ T9: ['9'] }),
    );
    account = 'acc-b';
    later.unread.reset();
    assert.deepStrictEqual([...later.unread.update('T9', [answer('9'), answer('10')])], ['10']);
  });

  it('two windows marking at once keep both marks', async () => {
    const one = window();
    const two = window();
    await Promise.all([one.seen.refresh(), two.seen.refresh()]);
    one.unread.update('T1', [answer('1')]);
    two.unread.update('T2', [answer('2')]);
    // Both read the file before either wrote it: the later write lacks the other's mark until that window sees it.
    await Promise.all([one.unread.markSeen('T1'), two.unread.markSeen('T2')]);
    const stored = () =>
      JSON.parse(fs.readFileSync(path.join(accountStorageDir(dir, 'acc-a'), `${SEEN_MARKS_FILE}.json`), 'utf8'));
    await until('the file to hold both marks', () => stored().T1?.[0] === '1' && stored().T2?.[0] === '2');
    const later = window();
    await later.seen.refresh();
    assert.deepStrictEqual([...later.unread.update('T1', [answer('1')])], []);
    assert.deepStrictEqual([...later.unread.update('T2', [answer('2')])], []);
  });

  it("marks an older version kept in the account's memento count, and move into the file with the next mark", async () => {
    const legacy = new MemoryStore();
    await legacy.update(SEEN_NOTES_KEY, { T1: ['1'] });
    const one = window(legacy);
    await one.seen.refresh();
    assert.deepStrictEqual([...one.unread.update('T1', [answer('1'), answer('2')])], ['2']);
    await one.unread.markSeen('T1', ['2']);
    assert.strictEqual(legacy.get(SEEN_NOTES_KEY), undefined, 'no longer in the memento');
    const later = window();
    await later.seen.refresh();
    assert.deepStrictEqual([...later.unread.update('T1', [answer('1'), answer('2')])], []);
  });

  it('another account sees none of them; signed out keeps none', async () => {
    const one = window();
    await one.seen.refresh();
    one.unread.update('T1', [answer('1')]);
    await one.unread.markSeen('T1');
    account = 'acc-b';
    one.unread.reset();
    assert.deepStrictEqual([...one.unread.update('T1', [answer('1')])], ['1'], 'account B has not seen it');
    account = undefined;
    await one.unread.markSeen('T1');
    const written = fs
      .readdirSync(accountsFolder(dir))
      .filter((id) => fs.existsSync(path.join(accountStorageDir(dir, id), `${SEEN_MARKS_FILE}.json`)));
    assert.deepStrictEqual(written, ['acc-a'], 'nothing written for B or while signed out');
  });

  it('a mark made after the account was signed out in another window does not bring its folder back', async () => {
    const one = window();
    await one.seen.refresh();
    one.unread.update('T1', [answer('1'), answer('2')]);
    await one.unread.markSeen('T1');
    // Another window signs the account out: its folder goes, and this window has not heard of it yet.
    await data.removeAccount('acc-a');
    one.unread.update('T2', [answer('3')]);
    await one.unread.markSeen('T2');
    assert.strictEqual(
      fs.existsSync(accountStorageDir(dir, 'acc-a')),
      false,
      "the signed-out account's folder is back",
    );
  });

  it('a window that showed the account before its folder was made follows the file once told the accounts changed', async () => {
    fs.rmSync(accountStorageDir(dir, 'acc-a'), { recursive: true, force: true });
    const folders = new AccountFolders(dir);
    const early = new SeenMarks({
      data: { ...data, activeId: () => account, documents: (id) => folders.documents(id) },
      folder: (id) => accountStorageDir(dir, id),
    });
    marks.push(early);
    const earlyUnread = new UnreadNotes(early);
    earlyUnread.update('T1', [answer('1'), answer('2')]);
    // Accounts makes the folder, then says the accounts changed (window.ts refreshes the marks then).
    fs.mkdirSync(accountStorageDir(dir, 'acc-a'), { recursive: true });
    await early.refresh();
    const other = window();
    await other.seen.refresh();
    other.unread.update('T1', [answer('1'), answer('2')]);
    await other.unread.markSeen('T1', ['1']);
    await until('the early window to drop the answer seen in another', () => listed(earlyUnread).length === 1);
  });
});
