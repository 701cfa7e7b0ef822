// Drafts per ticket in the account's scope: kept as written, removed when empty or cleared, unreadable stored values
// dropped, and the text of a Confidential draft only in the scope's SecretStorage.
import * as assert from 'assert';
import { DraftStore } from '../../../src/features/details/draftStore';
import { UnreadNotes } from '../../../src/features/details/unread';
import type { TicketNote } from '../../../src/api/types';
import { MemoryAccountScope } from '../../../src/common/accountScope';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

describe('details/draftStore', () => {
  it('keeps a draft per ticket with its text, switch and uploaded attachments', async () => {
    const scope = new MemoryAccountScope();
    const drafts = new DraftStore(
      () => scope,
      () => 1000,
    );
    await drafts.save('0005PYGCW', {
      text: 'Still failing',
      encrypt: true,
      attachments: [{ name: 'a.log', size: 3, objectKey: 'k1' }],
    });
    await drafts.save('001571BTXC', { text: 'Other', encrypt: false, attachments: [] });
    // A new store over the same storage: what a window reload sees (the confidential text after load()).
    const again = new DraftStore(() => scope);
    assert.deepStrictEqual(await again.load('0005PYGCW'), {
      text: 'Still failing',
      encrypt: true,
      attachments: [{ name: 'a.log', size: 3, objectKey: 'k1' }],
      savedAt: 1000,
    });
    assert.strictEqual(again.get('001571BTXC').text, 'Other');
    assert.deepStrictEqual(again.get('0000NONE0'), { text: '', encrypt: false, attachments: [], savedAt: 0 });
  });

  it('removes a draft that became empty, and on clear', async () => {
    const scope = new MemoryAccountScope();
    const drafts = new DraftStore(() => scope);
    await drafts.save('0005PYGCW', { text: 'x', encrypt: false, attachments: [] });
    await drafts.save('0005PYGCW', { text: '  ', encrypt: false, attachments: [] });
    assert.strictEqual(scope.values.size, 0);
    await drafts.save('0005PYGCW', { text: 'x', encrypt: true, attachments: [] });
    await drafts.clear('0005PYGCW');
    assert.strictEqual(scope.values.size, 0);
    assert.strictEqual(scope.secretValues.size, 0, 'the confidential text goes too');
  });

  it('keeps the text of a Confidential draft only in SecretStorage, never in the clear memento', async () => {
    const scope = new MemoryAccountScope();
    const drafts = new DraftStore(() => scope);
    const text = 'The root password is hunter2-confidential';
    await drafts.save('0005PYGCW', { text, encrypt: true, attachments: [{ name: 'a', size: 1, objectKey: 'k' }] });
    assert.ok(!JSON.stringify([...scope.values]).includes('hunter2'), 'not in the memento');
    assert.deepStrictEqual([...scope.secretValues.values()], [text]);
    assert.strictEqual(drafts.get('0005PYGCW').text, text, 'this window keeps it in memory');
    // Switching it off moves the text to the memento and deletes the secret.
    await drafts.save('0005PYGCW', { text: 'plain now', encrypt: false, attachments: [] });
    assert.strictEqual(scope.secretValues.size, 0);
    assert.strictEqual(new DraftStore(() => scope).get('0005PYGCW').text, 'plain now');
    // Signed out: nothing is kept anywhere.
    const signedOut = new DraftStore(() => undefined);
    await signedOut.save('001571BTXC', { text, encrypt: true, attachments: [] });
    assert.strictEqual(signedOut.get('001571BTXC').text, '');
  });

  it('keeps a draft holding a credential (an agent drafted it, or it was pasted) out of the clear memento until Send', async () => {
    const scope = new MemoryAccountScope();
    const drafts = new DraftStore(() => scope);
    const key = 'LTAI5tEmuDemoKey7Q2xW9pK';
    const secret = 'EmuDemoSecret0nlyForLocalTests9Zq';
    const text = `Here is what we use:\nAccessKeyId: ${key}\nAccessKeySecret: ${secret}\nPlease check.`;
    // What the agent's draft tool does when no panel is open (TicketPanels.replaceDraftText): the stored draft's text.
    await drafts.save('0005PYGCW', { ...drafts.get('0005PYGCW'), text });
    const inClear = JSON.stringify([...scope.values]);
    assert.ok(!inClear.includes(secret) && !inClear.includes(key), `the memento holds the key: ${inClear}`);
    assert.deepStrictEqual([...scope.secretValues.values()], [text], 'the text is in SecretStorage');
    assert.strictEqual(drafts.get('0005PYGCW').text, text, 'this window keeps it in memory');
    // Another window or a reload reads it back, not switched to Confidential (the secret guard asks at Send).
    const reloaded = await new DraftStore(() => scope).load('0005PYGCW');
    assert.deepStrictEqual([reloaded.text, reloaded.encrypt], [text, false]);
    // The key removed from the text: back in the memento, the secret entry gone.
    await drafts.save('0005PYGCW', { ...reloaded, text: 'Please check.' });
    assert.strictEqual(scope.secretValues.size, 0);
    assert.strictEqual(new DraftStore(() => scope).get('0005PYGCW').text, 'Please check.');
    // Sent: nothing left anywhere.
    await drafts.save('0005PYGCW', { ...reloaded, text });
    await drafts.clear('0005PYGCW');
    assert.deepStrictEqual([scope.values.size, scope.secretValues.size], [0, 0]);
  });

  it('drafts are per account: another scope sees none of them', async () => {
    const alice = new MemoryAccountScope('alice');
    const bob = new MemoryAccountScope('bob');
    let current = alice;
    const drafts = new DraftStore(() => current);
    await drafts.save('0005PYGCW', { text: 'alice plain', encrypt: false, attachments: [] });
    await drafts.save('001571BTXC', { text: 'alice secret', encrypt: true, attachments: [] });
    current = bob;
    assert.strictEqual(drafts.get('0005PYGCW').text, '');
    assert.strictEqual((await drafts.load('001571BTXC')).text, '');
  });

  it('reads damaged stored values as far as they make sense, and never a confidential text from the memento', async () => {
    const scope = new MemoryAccountScope();
    await scope.memento.update('draft.A', {
      text: 'kept',
      encrypt: 'yes',
      attachments: [{ name: 'ok', size: 1, objectKey: 'k' }, { name: 'no key', size: 1 }, null],
    });
    await scope.memento.update('draft.B', 'garbage');
    await scope.memento.update('draft.C', { text: 'written in clear by an earlier version', encrypt: true });
    const drafts = new DraftStore(() => scope);
    assert.deepStrictEqual(drafts.get('A'), {
      text: 'kept',
      encrypt: false,
      attachments: [{ name: 'ok', size: 1, objectKey: 'k' }],
      savedAt: 0,
    });
    assert.strictEqual(drafts.get('B').text, '');
    assert.strictEqual(drafts.get('C').text, '');
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
    const store = new MemoryAccountScope().memento;
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

  it("a reloaded page that lost the memento's last write (VS Code for the Web keeps it in the browser) finds the draft in the account's folder", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drafts-'));
    try {
      let now = 1000;
      const scope = new MemoryAccountScope('acc-a', dir);
      const drafts = new DraftStore(
        () => scope,
        () => now,
      );
      await drafts.save('0005PYGCW', { text: 'First words', encrypt: false, attachments: [] });
      const before = new Map(scope.values);
      now = 2000;
      await drafts.save('0005PYGCW', { text: 'First words, and the rest', encrypt: false, attachments: [] });
      await drafts.save('001571BTXC', { text: 'Only here', encrypt: false, attachments: [] });
      // The reload: the browser stored the memento as it was before the last writes.
      scope.values.clear();
      for (const [k, v] of before) scope.values.set(k, v);
      const again = new DraftStore(() => scope);
      assert.strictEqual((await again.load('0005PYGCW')).text, 'First words, and the rest');
      assert.strictEqual((await again.load('001571BTXC')).text, 'Only here');
      // A draft sent (cleared) is gone from both: it does not come back from the folder.
      await again.clear('001571BTXC');
      assert.strictEqual((await new DraftStore(() => scope).load('001571BTXC')).text, '');
      // A confidential text is not in the folder's copy either.
      await again.save('0005PYGCW', { text: 'password: hunter2', encrypt: true, attachments: [] });
      const copy = fs.readFileSync(path.join(dir, 'drafts', '0005PYGCW.json'), 'utf8');
      assert.ok(!copy.includes('hunter2'), copy);
      assert.strictEqual((await new DraftStore(() => scope).load('0005PYGCW')).text, 'password: hunter2');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
