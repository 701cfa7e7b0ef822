// The one writer of globalState, against a model of VS Code's own: the extension host's copy takes an update at once
// and sends the whole copy when its turn ends; the window stores it and sends the stored state back (replacing the
// host's copy) before it replies. The model runs one message at a time, so each interleaving is exact.
import * as assert from 'assert';
import { OrderedMemento, type MementoLike } from '../../../src/common/orderedMemento';

/** VS Code's globalState as ExtHostMemento and MainThreadStorage behave, driven step by step. */
class ModelGlobalState implements MementoLike {
  /** The extension host's copy. */
  private copy: Record<string, unknown> = {};
  /** What the window stored: what the next window reads. */
  stored: Record<string, unknown> = {};
  private sendAtTurnEnd = false;
  private replies: Array<() => void> = [];
  /** Messages on their way, oldest first. */
  private wire: Array<() => void> = [];
  failNext = false;

  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.copy[key] as T | undefined) ?? defaultValue;
  }
  keys(): readonly string[] {
    return Object.keys(this.copy);
  }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) delete this.copy[key];
    else this.copy[key] = JSON.parse(JSON.stringify(value));
    this.sendAtTurnEnd = true;
    return new Promise<void>((resolve, reject) =>
      this.replies.push(() => {
        if (this.failNext) reject(new Error('the window refused'));
        else resolve();
      }),
    );
  }
  /** One step: the host's turn ends and its copy goes out, or else the oldest message arrives. False when idle. */
  step(): boolean {
    if (this.sendAtTurnEnd) {
      this.sendAtTurnEnd = false;
      const state = JSON.stringify(this.copy);
      const replies = this.replies;
      this.replies = [];
      this.wire.push(() => {
        this.stored = JSON.parse(state);
        this.wire.push(() => (this.copy = JSON.parse(state)));
        this.wire.push(() => {
          replies.forEach((reply) => reply());
          this.failNext = false;
        });
      });
      return true;
    }
    const next = this.wire.shift();
    next?.();
    return next !== undefined;
  }
}

/** Lets promise callbacks run (the writer's turn), then one step of the model. */
async function step(model: ModelGlobalState): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  return model.step();
}

async function settle(model: ModelGlobalState): Promise<void> {
  for (let idle = 0; idle < 2;) idle = (await step(model)) ? 0 : idle + 1;
}

/**
 * Three writes as the extension makes them: a recent ticket, then a draft while the first is on its way, then a seen
 * mark just after the first write's state came back. Returns what `get('draft')` read at each step, and the store.
 */
async function threeWrites(model: ModelGlobalState, store: MementoLike): Promise<unknown[]> {
  const draftSeen: unknown[] = [];
  void store.update('recent', ['A1']).then(undefined, () => undefined);
  await step(model);
  void store.update('draft', 'hello').then(undefined, () => undefined);
  for (let i = 0; i < 4; i++) {
    await step(model);
    draftSeen.push(store.get('draft'));
  }
  void store.update('seen', { A1: ['d1'] }).then(undefined, () => undefined);
  for (let i = 0; i < 12; i++) {
    await step(model);
    draftSeen.push(store.get('draft'));
  }
  await settle(model);
  draftSeen.push(store.get('draft'));
  return draftSeen;
}

describe('OrderedMemento (the one writer of globalState)', () => {
  it('the model loses a write as VS Code does when updates overlap (the control)', async () => {
    const model = new ModelGlobalState();
    const draftSeen = await threeWrites(model, model);
    assert.ok(draftSeen.includes(undefined), 'the draft vanished from the host copy for a while');
    assert.deepStrictEqual(Object.keys(model.stored).sort(), ['recent', 'seen'], 'and was lost for good');
  });

  it('through the one writer, every write is stored and reads never lose one', async () => {
    const model = new ModelGlobalState();
    const store = new OrderedMemento(model);
    const draftSeen = await threeWrites(model, store);
    assert.deepStrictEqual(
      draftSeen.filter((v) => v !== 'hello'),
      [],
      'the draft read back at every step',
    );
    assert.deepStrictEqual(model.stored, { recent: ['A1'], draft: 'hello', seen: { A1: ['d1'] } });
  });

  it('reads and keys() see a write at once, a deletion too, before the window has it', async () => {
    const model = new ModelGlobalState();
    const store = new OrderedMemento(model);
    void store.update('a', 1);
    void store.update('b', { n: 2 });
    assert.strictEqual(store.get('a'), 1);
    assert.deepStrictEqual([...store.keys()].sort(), ['a', 'b']);
    await settle(model);
    void store.update('a', undefined);
    assert.strictEqual(store.get('a'), undefined);
    assert.strictEqual(store.get('a', 'default'), 'default');
    assert.deepStrictEqual(store.keys(), ['b']);
    await settle(model);
    assert.deepStrictEqual(model.stored, { b: { n: 2 } });
  });

  it('keeps a copy: changing the object afterwards changes nothing stored', async () => {
    const model = new ModelGlobalState();
    const store = new OrderedMemento(model);
    const list = ['A1'];
    void store.update('recent', list);
    list.push('B2');
    assert.deepStrictEqual(store.get('recent'), ['A1']);
    await settle(model);
    assert.deepStrictEqual(model.stored.recent, ['A1']);
  });

  it('an update resolves only once the window stored it; a refusal rejects its callers and later writes still go', async () => {
    const model = new ModelGlobalState();
    const store = new OrderedMemento(model);
    model.failNext = true;
    let first: string | undefined;
    void store.update('a', 1).then(
      () => (first = 'stored'),
      (error: Error) => (first = error.message),
    );
    let second = false;
    await step(model);
    const later = store.update('b', 2).then(() => (second = true));
    assert.strictEqual(first, undefined, 'not resolved while on its way');
    await settle(model);
    await later;
    assert.strictEqual(first, 'the window refused');
    assert.ok(second);
    assert.strictEqual(model.stored.b, 2);
  });

  it('flush() resolves once every write made so far is stored', async () => {
    const model = new ModelGlobalState();
    const store = new OrderedMemento(model);
    void store.update('a', 1);
    let flushed = false;
    const flush = store.flush().then(() => (flushed = true));
    await step(model);
    assert.strictEqual(flushed, false);
    await settle(model);
    await flush;
    assert.deepStrictEqual(model.stored, { a: 1 });
  });
});
