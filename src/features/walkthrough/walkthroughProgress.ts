// The Get Started walkthrough's steps, done from what is true: signed in, a ticket opened, the Tickets view seen, a
// ticket's hover seen, a reply the server took, several accounts. VS Code only hears a step's completion events once
// its walkthrough service runs, which is when the Welcome page first opens, and a context key that is already true
// when the walkthrough registers never completes its step. So each step is told to VS Code twice, once: its context
// key (the onContext completion event in package.json, heard while the page is open) and welcome.markStepComplete
// (recorded whenever it runs). What is done is kept in globalState, so the keys are true again after a restart.
import type * as vscode from 'vscode';
import { BuiltinCommands, ContextKeys, type ContextKey } from '../../common/commands';

/** The extension's id (package.json's publisher.name; a unit test checks) and its walkthrough's id. */
export const EXTENSION_ID = 'aliyun-tickets.aliyun-tickets';
export const WALKTHROUGH_ID = 'aliyunTickets.gettingStarted';

/** Every step of the walkthrough (package.json's step ids) and the context key it completes on. */
export const WALKTHROUGH_STEP_KEYS = {
  signIn: ContextKeys.signedIn,
  openTicket: ContextKeys.walkthroughOpenedTicket,
  ticketsView: ContextKeys.walkthroughSawTicketsView,
  hovers: ContextKeys.walkthroughSawHover,
  reply: ContextKeys.walkthroughReplied,
  accounts: ContextKeys.walkthroughUsedAccounts,
} as const satisfies Record<string, ContextKey>;

export type WalkthroughStep = keyof typeof WALKTHROUGH_STEP_KEYS;

/** The steps done so far (globalState; walkthrough progress is the profile's, like VS Code's own). */
export const WALKTHROUGH_DONE_KEY = 'walkthrough.doneSteps';

/** The signed-in key says "signed in now" and belongs to the session (auth/session.ts); the others are ours. */
const OWN_KEYS = new Set<WalkthroughStep>(['openTicket', 'ticketsView', 'hovers', 'reply', 'accounts']);

function isStep(value: unknown): value is WalkthroughStep {
  return typeof value === 'string' && Object.hasOwn(WALKTHROUGH_STEP_KEYS, value);
}

export interface WalkthroughProgressDeps {
  state: Pick<vscode.Memento, 'get' | 'update'>;
  execute(command: string, ...args: unknown[]): PromiseLike<unknown>;
}

export class WalkthroughProgress {
  private readonly done: Set<WalkthroughStep>;

  constructor(private readonly deps: WalkthroughProgressDeps) {
    const kept = deps.state.get<unknown>(WALKTHROUGH_DONE_KEY);
    this.done = new Set(Array.isArray(kept) ? kept.filter(isStep) : []);
    for (const step of this.done) this.setKey(step);
  }

  isDone(step: WalkthroughStep): boolean {
    return this.done.has(step);
  }

  /** The step's state became true: it is done, in the page (open or not) and after a restart. Once per step. */
  complete(step: WalkthroughStep): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void this.deps.state.update(WALKTHROUGH_DONE_KEY, [...this.done]);
    this.setKey(step);
    // An older VS Code without the command still completes the step from its key while the page is open.
    void Promise.resolve(
      this.deps.execute(BuiltinCommands.markWalkthroughStepDone, `${EXTENSION_ID}#${WALKTHROUGH_ID}#${step}`),
    ).catch(() => undefined);
  }

  private setKey(step: WalkthroughStep): void {
    if (!OWN_KEYS.has(step)) return;
    void Promise.resolve(this.deps.execute(BuiltinCommands.setContext, WALKTHROUGH_STEP_KEYS[step], true)).catch(
      () => undefined,
    );
  }
}

/** What the walkthrough follows, as the composition root hands it over (features import nothing of auth). */
export interface WalkthroughSources {
  accounts: {
    ready: PromiseLike<unknown>;
    list(): readonly unknown[];
    active(): unknown;
    onDidChange(listener: () => void): vscode.Disposable;
  };
  ticketsView: Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>;
}

/** Completes the steps whose state can be read (accounts, the Tickets view) now and whenever it changes. */
export function followWalkthroughState(
  progress: WalkthroughProgress,
  sources: WalkthroughSources,
): vscode.Disposable[] {
  const { accounts, ticketsView } = sources;
  const readAccounts = () => {
    if (accounts.active()) progress.complete('signIn');
    if (accounts.list().length > 1) progress.complete('accounts');
  };
  const readView = () => ticketsView.visible && progress.complete('ticketsView');
  void Promise.resolve(accounts.ready).then(readAccounts);
  readView();
  return [accounts.onDidChange(readAccounts), ticketsView.onDidChangeVisibility(readView)];
}
