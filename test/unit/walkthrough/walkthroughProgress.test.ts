// The walkthrough's steps done from state: each told to VS Code once (its context key and welcome.markStepComplete),
// kept across a restart, and the accounts and the Tickets view followed as they change.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BuiltinCommands, ContextKeys } from '../../../src/common/commands';
import {
  EXTENSION_ID,
  WALKTHROUGH_DONE_KEY,
  WALKTHROUGH_ID,
  WalkthroughProgress,
  followWalkthroughState,
} from '../../../src/features/walkthrough/walkthroughProgress';

function harness(kept?: unknown) {
  const values = new Map<string, unknown>(kept === undefined ? [] : [[WALKTHROUGH_DONE_KEY, kept]]);
  const executed: unknown[][] = [];
  const progress = new WalkthroughProgress({
    state: {
      get: ((key: string) => values.get(key)) as never,
      update: async (key: string, value: unknown) => void values.set(key, value),
    },
    execute: async (command, ...args) => void executed.push([command, ...args]),
  });
  return { values, executed, progress };
}

/** A tiny event: subscribe, fire. */
function emitter<T = void>() {
  const listeners: ((value: T) => void)[] = [];
  return {
    event: (listener: (value: T) => void) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
    fire: (value: T) => listeners.forEach((l) => l(value)),
  };
}

describe('walkthrough progress from state', () => {
  it("names the extension and its walkthrough as package.json does (VS Code's step ids start with them)", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as {
      publisher: string;
      name: string;
      contributes: { walkthroughs: { id: string }[] };
    };
    assert.strictEqual(EXTENSION_ID, `${manifest.publisher}.${manifest.name}`);
    assert.deepStrictEqual(
      manifest.contributes.walkthroughs.map((w) => w.id),
      [WALKTHROUGH_ID],
    );
  });

  it('a step done tells VS Code once: its context key and welcome.markStepComplete with the full step id', () => {
    const { executed, progress, values } = harness();
    progress.complete('reply');
    progress.complete('reply');
    assert.deepStrictEqual(executed, [
      [BuiltinCommands.setContext, ContextKeys.walkthroughReplied, true],
      [BuiltinCommands.markWalkthroughStepDone, `${EXTENSION_ID}#${WALKTHROUGH_ID}#reply`],
    ]);
    assert.deepStrictEqual(values.get(WALKTHROUGH_DONE_KEY), ['reply']);
    assert.strictEqual(progress.isDone('reply'), true);
    assert.strictEqual(progress.isDone('openTicket'), false);
  });

  it('signed in: the session owns the signed-in key, so only the step is marked', () => {
    const { executed, progress } = harness();
    progress.complete('signIn');
    assert.deepStrictEqual(executed, [
      [BuiltinCommands.markWalkthroughStepDone, `${EXTENSION_ID}#${WALKTHROUGH_ID}#signIn`],
    ]);
  });

  it('after a restart the keys of the steps done are set again, without marking them again; junk is ignored', () => {
    const { executed, progress } = harness(['openTicket', 'accounts', 'signIn', 'nope', 7]);
    assert.deepStrictEqual(executed, [
      [BuiltinCommands.setContext, ContextKeys.walkthroughOpenedTicket, true],
      [BuiltinCommands.setContext, ContextKeys.walkthroughUsedAccounts, true],
    ]);
    progress.complete('openTicket');
    assert.strictEqual(executed.length, 2, 'a step done before is not marked again');
    assert.strictEqual(harness('not a list').executed.length, 0);
  });

  it('a VS Code without welcome.markStepComplete: the rejection is swallowed, the key is still set', async () => {
    const executed: string[] = [];
    const progress = new WalkthroughProgress({
      state: { get: () => undefined, update: async () => undefined },
      execute: async (command) => {
        executed.push(command);
        if (command === BuiltinCommands.markWalkthroughStepDone) throw new Error('command not found');
      },
    });
    progress.complete('hovers');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepStrictEqual(executed, [BuiltinCommands.setContext, BuiltinCommands.markWalkthroughStepDone]);
  });

  it('follows the accounts and the Tickets view: signed in, a second account, the view shown', async () => {
    const { progress } = harness();
    const accountsChanged = emitter();
    const visibility = emitter<{ visible: boolean }>();
    let list = [] as string[];
    const view = { visible: false, onDidChangeVisibility: visibility.event as never };
    const disposables = followWalkthroughState(progress, {
      accounts: {
        ready: Promise.resolve(),
        list: () => list,
        active: () => list[0],
        onDidChange: accountsChanged.event,
      },
      ticketsView: view,
    });
    await Promise.resolve();
    assert.strictEqual(progress.isDone('signIn'), false, 'signed out at start');
    list = ['a'];
    accountsChanged.fire();
    assert.strictEqual(progress.isDone('signIn'), true);
    assert.strictEqual(progress.isDone('accounts'), false, 'one account');
    list = ['a', 'b'];
    accountsChanged.fire();
    assert.strictEqual(progress.isDone('accounts'), true);
    assert.strictEqual(progress.isDone('ticketsView'), false);
    view.visible = true;
    visibility.fire({ visible: true });
    assert.strictEqual(progress.isDone('ticketsView'), true);
    assert.strictEqual(disposables.length, 2);
  });

  it('state already true at activation (signed in, the view on screen) completes the steps at once', async () => {
    const { progress } = harness();
    followWalkthroughState(progress, {
      accounts: { ready: Promise.resolve(), list: () => ['a'], active: () => 'a', onDidChange: emitter().event },
      ticketsView: { visible: true, onDidChangeVisibility: emitter<{ visible: boolean }>().event as never },
    });
    assert.strictEqual(progress.isDone('ticketsView'), true);
    await Promise.resolve();
    assert.strictEqual(progress.isDone('signIn'), true);
  });
});
