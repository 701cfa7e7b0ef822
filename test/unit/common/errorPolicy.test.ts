// The error policy (src/common/errors.ts ERROR_ACTIONS) against every place that shows its buttons: the details
// panel's error view and the Tickets view's welcome messages in package.json. Changing the table without the
// welcome views (or the other way round) fails here.
import * as assert from 'assert';
import { CREDENTIALS_UNAVAILABLE, signedOutError, TicketApiError, type TicketErrorKind } from '../../../src/api/errors';
import { BuiltinCommands, Commands, ContextKeys } from '../../../src/common/commands';
import {
  ERROR_ACTION_LABELS,
  ERROR_ACTIONS,
  errorActions,
  needsSignIn,
  type ErrorAction,
} from '../../../src/common/errors';
import { errorView, renderTicketBody } from '../../../src/features/details/render';

import { resolvedManifest } from '../manifest';

const manifest = resolvedManifest();
const welcomes: Array<{ view: string; when: string; contents: string }> = manifest.contributes.viewsWelcome;
const KINDS = Object.keys(ERROR_ACTIONS) as TicketErrorKind[];

/** What each action runs from the Tickets view's welcome message. */
const WELCOME_COMMANDS: Record<ErrorAction, string> = {
  signIn: Commands.signIn,
  openSettings: BuiltinCommands.openSettings,
  openAnotherTicket: Commands.openTicket,
  retry: Commands.explorerRefresh,
  showDetails: Commands.explorerShowError,
};

function links(contents: string): Array<[label: string, command: string]> {
  return [...contents.matchAll(/\[([^\]]+)\]\(command:([\w.]+)/g)].map((m) => [m[1], m[2]]);
}

function expectedLinks(kind: TicketErrorKind): Array<[string, string]> {
  return ERROR_ACTIONS[kind].map((action) => [ERROR_ACTION_LABELS[action], WELCOME_COMMANDS[action]]);
}

const KIND_CLAUSE = new RegExp(`${ContextKeys.explorerErrorKind.replace(/\./g, '\\.')} == (\\w+)`, 'g');
const errorWelcomes = welcomes.filter((w) => w.when.includes(`${ContextKeys.explorerState} == error`));

describe('error policy: one table for every surface', () => {
  it('gives every kind its helpful action first, and Sign In never beside Retry', () => {
    for (const kind of KINDS) {
      const actions = ERROR_ACTIONS[kind];
      assert.ok(actions.length > 0, kind);
      if (actions.includes('signIn'))
        assert.ok(!actions.includes('retry'), `${kind}: Retry beside Sign In repeats the refusal`);
    }
    assert.ok(needsSignIn(new TicketApiError({ code: 'SignatureDoesNotMatch', kind: 'signature', message: 'x' })));
    assert.ok(!needsSignIn(new TicketApiError({ code: 'Throttling', kind: 'throttled', message: 'x' })));
    // The source of a saved sign-in is gone: a 'config' error that only signing in again fixes.
    const gone = new TicketApiError({ code: CREDENTIALS_UNAVAILABLE, kind: 'config', message: 'x' });
    assert.deepStrictEqual(errorActions(gone), ['signIn', 'showDetails']);
    assert.deepStrictEqual(errorActions(new Error('bug')), ['retry', 'showDetails']);
  });

  it('the Tickets view welcome message for each failure kind offers the table’s buttons, in its order', () => {
    const named = new Set<string>();
    for (const welcome of errorWelcomes.filter((w) => !w.when.includes('!('))) {
      const kinds = [...welcome.when.matchAll(KIND_CLAUSE)].map((m) => m[1]);
      assert.ok(kinds.length > 0, `no errorKind in "${welcome.when}"`);
      for (const kind of kinds) {
        assert.ok(KINDS.includes(kind as TicketErrorKind), `"${kind}" is not a TicketErrorKind`);
        assert.ok(!named.has(kind), `${kind} has two welcome messages`);
        named.add(kind);
        assert.deepStrictEqual(links(welcome.contents), expectedLinks(kind as TicketErrorKind), `welcome for ${kind}`);
      }
    }
    // The catch-all covers exactly the kinds not named above, and they share one set of buttons.
    const fallbacks = errorWelcomes.filter((w) => w.when.includes('!('));
    assert.strictEqual(fallbacks.length, 1, 'one catch-all welcome for the other kinds');
    const excluded = new Set([...fallbacks[0].when.matchAll(KIND_CLAUSE)].map((m) => m[1]));
    assert.deepStrictEqual(
      [...excluded].sort(),
      [...named].sort(),
      'the catch-all excludes exactly the kinds with their own message',
    );
    // signedOut has a welcome of its own; unknownOutcome ends only a write, and the Tickets view only reads.
    for (const kind of KINDS.filter((k) => !named.has(k) && k !== 'signedOut' && k !== 'unknownOutcome')) {
      assert.deepStrictEqual(
        links(fallbacks[0].contents),
        expectedLinks(kind),
        `${kind} falls to the catch-all, whose buttons differ from the table`,
      );
    }
  });

  it('signed out, the Tickets view offers Sign In first, as the table says', () => {
    const signedOut = welcomes.find((w) => w.when.includes(`${ContextKeys.explorerState} == signedOut`));
    assert.ok(signedOut);
    const [label, command] = links(signedOut.contents)[0];
    assert.deepStrictEqual(
      [label, command],
      [ERROR_ACTION_LABELS[ERROR_ACTIONS.signedOut[0]], WELCOME_COMMANDS[ERROR_ACTIONS.signedOut[0]]],
    );
  });

  it('signed out is no fault: Sign In alone, on the panel said plainly (no alert, no Show Log)', () => {
    assert.deepStrictEqual(ERROR_ACTIONS.signedOut, ['signIn']);
    const body = renderTicketBody(errorView('0005PYGCW', signedOutError()));
    assert.deepStrictEqual(
      [...body.matchAll(/data-action="(\w+)"/g)].map((m) => m[1]),
      ['signIn'],
      'the signed-out panel offers Sign In and nothing else',
    );
    assert.ok(!/role="alert"|class="state error"/.test(body), 'not shown as a failure');
    const failed = renderTicketBody(
      errorView('0005PYGCW', new TicketApiError({ code: 'X', kind: 'auth', message: 'x' })),
    );
    assert.match(failed, /<section class="state error" role="alert">/, 'a refused key is a failure');
  });

  it('the details panel shows the table’s buttons for every kind, the first as primary, Show Log last', () => {
    const PAGE_ACTIONS: Record<ErrorAction, string> = {
      signIn: 'signIn',
      openSettings: 'openSettings',
      openAnotherTicket: 'openTicket',
      retry: 'retry',
      showDetails: 'showLog',
    };
    for (const kind of KINDS) {
      const body = renderTicketBody(errorView('0005PYGCW', new TicketApiError({ code: 'X', kind, message: 'x' })));
      const shown = [...body.matchAll(/<button type="button"( class="secondary")? data-action="(\w+)">/g)].map((m) => [
        m[2],
        !m[1],
      ]);
      const actions = ERROR_ACTIONS[kind];
      const expected = [
        ...actions.filter((a) => a !== 'showDetails'),
        ...actions.filter((a) => a === 'showDetails'),
      ].map((a, i) => [PAGE_ACTIONS[a], i === 0]);
      assert.deepStrictEqual(shown, expected, kind);
    }
  });
});
