// What was typed just before a page closed is kept: the reply box's page and the New Ticket form send every change at
// once. The reply's extension side stores each change at once (a window reloaded right after typing stops the
// extension host before any timer could write), and so does the New Ticket form's. After another account is signed in
// nothing more is written to the previous one's storage (signing out removes it).
import * as assert from 'assert';
import { MemoryAccountScope } from '../../../src/common/accountScope';
import { DRAFT_KEY_PREFIX, DraftStore } from '../../../src/features/details/draftStore';
import { TicketActing } from '../../../src/features/details/ticketActing';
import { EMPTY_DRAFT, NEW_TICKET_DRAFT_KEY, NEW_TICKET_SECRET_KEY } from '../../../src/features/new-ticket/draft';
import { NewTicketDraftKeeper } from '../../../src/features/new-ticket/draftKeeper';

const TICKET = '0005PYGCW';
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A scope that counts its memento writes. */
function countingScope(id = 'a'): MemoryAccountScope & { writes: () => number } {
  const scope = new MemoryAccountScope(id);
  let writes = 0;
  const update = scope.memento.update;
  (scope.memento as { update: typeof update }).update = (key, value) => {
    writes++;
    return update(key, value);
  };
  return Object.assign(scope, { writes: () => writes });
}

function acting(scope: MemoryAccountScope): TicketActing {
  const never = () => assert.fail('nothing is sent here');
  return new TicketActing({
    ticketId: TICKET,
    writes: { reply: never, close: never, reopen: never, rate: never, upload: never, findReply: never },
    drafts: new DraftStore(() => scope).forScope(scope),
    post: () => true,
    reload: () => Promise.resolve(),
    confirmClose: () => Promise.resolve(false),
    pickFiles: () => Promise.resolve([]),
    askAboutSecrets: () => assert.fail('no question here'),
  });
}

const stored = (scope: MemoryAccountScope) => (scope.values.get(DRAFT_KEY_PREFIX + TICKET) as { text?: string })?.text;

describe('a draft typed just before its page closes', () => {
  it('reply box: closing the panel right after typing writes the last keystroke', async () => {
    const scope = countingScope();
    const part = acting(scope);
    for (const text of ['O', 'Or', 'Order 42']) part.handle({ type: 'draftChanged', draft: { text, encrypt: false } });
    part.dispose();
    await settle();
    assert.strictEqual(stored(scope), 'Order 42');
  });

  it('reply box: each change is stored at once, with no timer: a window reloaded right after typing keeps it', async () => {
    const scope = countingScope();
    const part = acting(scope);
    for (const text of ['a', 'ab', 'abc']) part.handle({ type: 'draftChanged', draft: { text, encrypt: false } });
    // No time passes: the extension host of a reloaded window runs no timer of this one any more.
    await settle();
    assert.strictEqual(stored(scope), 'abc', 'stored before any timer could run');
    const writes = scope.writes();
    part.dispose();
    await settle();
    assert.strictEqual(scope.writes(), writes, 'closing writes nothing more: it is all stored');
  });

  it('reply box: a Confidential text goes to SecretStorage at once, never to the memento', async () => {
    const scope = countingScope();
    const part = acting(scope);
    part.handle({ type: 'draftChanged', draft: { text: 'password is hunter2', encrypt: true } });
    part.dispose();
    await settle();
    assert.strictEqual(scope.secretValues.get(DRAFT_KEY_PREFIX + TICKET), 'password is hunter2');
    assert.strictEqual(stored(scope), '');
  });

  it('reply box: after another account is signed in nothing is written to the previous one', async () => {
    const scope = countingScope();
    const part = acting(scope);
    part.handle({ type: 'draftChanged', draft: { text: 'typed as A', encrypt: false } });
    await settle();
    // Typed while A was signed in: A's draft (signing A out removes it).
    assert.strictEqual(stored(scope), 'typed as A');
    const writes = scope.writes();
    part.dispose('drop');
    // A change the page sent before it went arrives late: it stays out of A's storage.
    part.handle({ type: 'draftChanged', draft: { text: 'typed as A, late', encrypt: false } });
    for (let turn = 0; turn < 10; turn++) await settle();
    assert.strictEqual(scope.writes(), writes, 'nothing more once another account is signed in');
  });

  it('New Ticket: each change is written as it comes (a reload right after typing keeps it); the secret field only in SecretStorage', async () => {
    const scope = countingScope();
    const keeper = new NewTicketDraftKeeper(() => scope, assert.fail);
    keeper.keep({ ...EMPTY_DRAFT, title: 'Disk', secret: 'root pw' });
    keeper.keep({ ...EMPTY_DRAFT, title: 'Disk full', secret: 'root pw' });
    for (let turn = 0; turn < 10; turn++) await settle();
    // No flush: a window reloaded now stops the extension host, and no timer or close handler runs.
    assert.strictEqual((scope.values.get(NEW_TICKET_DRAFT_KEY) as { title: string }).title, 'Disk full');
    await keeper.flush();
    assert.ok(!JSON.stringify([...scope.values]).includes('root pw'));
    assert.strictEqual(scope.secretValues.get(NEW_TICKET_SECRET_KEY), 'root pw');
    // A fresh form (the window reloaded) reads it back.
    assert.strictEqual((await new NewTicketDraftKeeper(() => scope, assert.fail).load()).title, 'Disk full');
  });

  it('New Ticket: a change typed under one account stays in its drafts; nothing reaches the next account', async () => {
    const first = countingScope('a');
    let current: MemoryAccountScope = first;
    const keeper = new NewTicketDraftKeeper(() => current, assert.fail);
    keeper.keep({ ...EMPTY_DRAFT, title: 'typed as A' });
    current = countingScope('b');
    keeper.forget();
    await keeper.flush();
    assert.strictEqual((first.values.get(NEW_TICKET_DRAFT_KEY) as { title: string }).title, 'typed as A');
    assert.strictEqual((current as ReturnType<typeof countingScope>).writes(), 0);
    assert.strictEqual((await keeper.load()).title, '', "the next account's form starts from its own (empty) draft");
  });
});
