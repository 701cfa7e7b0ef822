// One event for "what every request and everything fetched with them depend on has changed": who is signed in
// (sign-in, switch, sign-out, new credentials or site of the same account) or a setting the requests depend on (the
// endpoint, the signature version, the network settings). The client provider, the ticket service and the panels
// subscribe to it, in that order (extension.ts builds it), instead of each caller resetting them one by one.
// No vscode import.
import type { AccountChange, ActiveAccount } from './accountScope';
import { Emitter, type Subscription } from './emitter';

export type SessionChange = { reason: 'account'; account: AccountChange } | { reason: 'settings' };

export class SessionEvents {
  private readonly changes = new Emitter<SessionChange>();
  private readonly sources: Subscription[];
  /** Listeners, in subscription order; one that throws does not stop the others. */
  readonly onDidChange = this.changes.event;

  constructor(account: ActiveAccount, onDidChangeSettings: (listener: () => void) => Subscription) {
    this.sources = [
      account.onDidChangeAccount((change) => this.changes.fire({ reason: 'account', account: change })),
      onDidChangeSettings(() => this.changes.fire({ reason: 'settings' })),
    ];
  }

  dispose(): void {
    this.sources.forEach((s) => s.dispose());
    this.changes.dispose();
  }
}

/** Whether the change leaves another account (or none) on screen: everything of the previous one must go. */
export function isOtherAccount(change: SessionChange): boolean {
  return change.reason === 'account' && change.account.kind !== 'credentials';
}
