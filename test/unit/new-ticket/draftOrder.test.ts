// The New Ticket draft's writes land in the order they were made (first in, first out), however slowly the storage
// answers each one: the last text typed is what stays, in the memento and in SecretStorage alike, and a write that
// fails does not stop the ones after it.
import * as assert from 'assert';
import { MemoryAccountScope } from '../../../src/common/accountScope';
import { EMPTY_DRAFT, NEW_TICKET_DRAFT_KEY, NEW_TICKET_SECRET_KEY } from '../../../src/features/new-ticket/draft';
import { NewTicketDraftKeeper } from '../../../src/features/new-ticket/draftKeeper';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A scope whose storage takes less time for each later write (the first is the slowest), as a busy disk or the
 * browser's IndexedDB can: a write that started early lands late unless the caller waits for it. `landed` lists what
 * each memento write held (its title) and each secret write, in the order they reached the storage.
 */
function slowingScope(options: { failFirst?: boolean } = {}) {
  const scope = new MemoryAccountScope('a');
  const landed: string[] = [];
  let calls = 0;
  const delay = () => Math.max(0, 80 - 20 * calls++);
  const { update } = scope.memento;
  const { store, delete: remove } = scope.secrets;
  (scope.memento as { update: typeof update }).update = async (key, value) => {
    const first = calls === 0;
    await pause(delay());
    if (first && options.failFirst) throw new Error('disk full');
    landed.push(`memento:${(value as { title?: string } | undefined)?.title ?? '(none)'}`);
    return update(key, value);
  };
  (scope.secrets as { store: typeof store }).store = async (key, value) => {
    await pause(delay());
    landed.push(`secret:${value}`);
    return store(key, value);
  };
  (scope.secrets as { delete: typeof remove }).delete = async (key) => {
    await pause(delay());
    landed.push('secret:(deleted)');
    return remove(key);
  };
  return { scope, landed };
}

describe('New Ticket draft writes keep their order', () => {
  it('rapid saves land first in, first out, and the last text typed wins in the memento and in SecretStorage', async () => {
    const { scope, landed } = slowingScope();
    const keeper = new NewTicketDraftKeeper(() => scope, assert.fail);
    // Three saves in a row without waiting (a template applied, then two edits), the first one the slowest to land.
    const saves = [
      keeper.save({ ...EMPTY_DRAFT, title: 'Disk', secret: 'root pw 1' }),
      keeper.save({ ...EMPTY_DRAFT, title: 'Disk full', secret: 'root pw 2' }),
      keeper.save({ ...EMPTY_DRAFT, title: 'Disk full on ecs-7', secret: '' }),
    ];
    await Promise.all(saves);
    assert.deepStrictEqual(landed, [
      'memento:Disk',
      'secret:root pw 1',
      'memento:Disk full',
      'secret:root pw 2',
      'memento:Disk full on ecs-7',
      'secret:(deleted)',
    ]);
    assert.strictEqual((scope.values.get(NEW_TICKET_DRAFT_KEY) as { title: string }).title, 'Disk full on ecs-7');
    assert.strictEqual(scope.secretValues.has(NEW_TICKET_SECRET_KEY), false, 'the secret field was emptied last');
    // What a reopened form (a reload) reads back is the last text.
    const reloaded = await new NewTicketDraftKeeper(() => scope, assert.fail).load();
    assert.strictEqual(reloaded.title, 'Disk full on ecs-7');
    assert.strictEqual(reloaded.secret, '');
  });

  it('typing (each change written), the close flush, then a save: still in order, the last one stays', async () => {
    const { scope, landed } = slowingScope();
    const keeper = new NewTicketDraftKeeper(() => scope, assert.fail);
    keeper.keep({ ...EMPTY_DRAFT, title: 'T' });
    keeper.keep({ ...EMPTY_DRAFT, title: 'Ty' });
    const flushed = keeper.flush(); // the form closes: resolves once the typing is written
    const cleared = keeper.save({ ...EMPTY_DRAFT, title: 'Typed after' });
    await Promise.all([flushed, cleared]);
    assert.deepStrictEqual(
      landed.filter((entry) => entry.startsWith('memento:')),
      ['memento:T', 'memento:Ty', 'memento:Typed after'],
    );
    assert.strictEqual((scope.values.get(NEW_TICKET_DRAFT_KEY) as { title: string }).title, 'Typed after');
  });

  it('a write that fails is reported and the writes after it still land, in order', async () => {
    const { scope, landed } = slowingScope({ failFirst: true });
    const warnings: string[] = [];
    const keeper = new NewTicketDraftKeeper(
      () => scope,
      (message) => warnings.push(message),
    );
    await Promise.all([
      keeper.save({ ...EMPTY_DRAFT, title: 'lost to a full disk' }),
      keeper.save({ ...EMPTY_DRAFT, title: 'kept' }),
    ]);
    assert.strictEqual(warnings.length, 1);
    assert.match(warnings[0], /could not be saved: Error: disk full/);
    assert.deepStrictEqual(
      landed.filter((entry) => entry.startsWith('memento:')),
      ['memento:kept'],
    );
    assert.strictEqual((scope.values.get(NEW_TICKET_DRAFT_KEY) as { title: string }).title, 'kept');
  });
});
