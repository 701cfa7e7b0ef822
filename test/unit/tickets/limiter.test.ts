import * as assert from 'assert';
import { ConcurrencyLimiter } from '../../../src/tickets/limiter';

/** A task the test finishes by hand. */
function gate(): { task: () => Promise<string>; started: () => boolean; finish(value: string): void } {
  let release!: (value: string) => void;
  let running = false;
  return {
    task: () => {
      running = true;
      return new Promise<string>((resolve) => (release = resolve));
    },
    started: () => running,
    finish: (value) => release(value),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const aborted = () => new Error('aborted while queued');

describe('ConcurrencyLimiter', () => {
  it('a task whose signal fired before it was queued is refused at once and never runs', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const busy = gate();
    const running = limiter.run(busy.task, undefined, aborted);
    const late = gate();
    const outcome = limiter.run(late.task, AbortSignal.abort(), aborted).then(
      () => 'ran',
      (error: Error) => error.message,
    );
    // Settled before the busy slot frees: it does not wait for a turn it will never take.
    const first = await Promise.race([outcome, tick().then(() => 'still waiting')]);
    assert.strictEqual(first, 'aborted while queued');
    assert.strictEqual(limiter.waiting, 0);
    busy.finish('done');
    assert.strictEqual(await running, 'done');
    await tick();
    assert.strictEqual(late.started(), false);
  });

  it('a queued task whose signal fires is dropped; the next one takes the slot', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const busy = gate();
    const running = limiter.run(busy.task, undefined, aborted);
    const controller = new AbortController();
    const dropped = gate();
    const droppedResult = limiter.run(dropped.task, controller.signal, aborted);
    const next = gate();
    const nextResult = limiter.run(next.task, undefined, aborted);
    assert.strictEqual(limiter.waiting, 2);
    controller.abort();
    await assert.rejects(droppedResult, /aborted while queued/);
    assert.strictEqual(limiter.waiting, 1);
    busy.finish('busy');
    await running;
    await tick();
    assert.strictEqual(dropped.started(), false);
    assert.strictEqual(next.started(), true);
    next.finish('next');
    assert.strictEqual(await nextResult, 'next');
    assert.strictEqual(limiter.maxSeen, 1);
  });

  it('pauseFor holds every task that has not started (a throttled answer) and starts them when the wait is over', async () => {
    const limiter = new ConcurrencyLimiter(4);
    limiter.pauseFor(150);
    const started = Date.now();
    const waiting = gate();
    const result = limiter.run(waiting.task, undefined, aborted);
    await tick();
    assert.strictEqual(waiting.started(), false, 'a free slot does not start a task during a pause');
    while (!waiting.started()) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(Date.now() - started >= 140, 'started after the pause');
    waiting.finish('ok');
    assert.strictEqual(await result, 'ok');
  });
});
