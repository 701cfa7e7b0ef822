// Messages a ticket page must not miss (an emptied box after a send, else it would show the sent text again from its
// own state and invite a second send; a form that did its job): posted at once when the page is there, else kept for
// its next 'ready'. No vscode import.
import type { ToPageMessage } from './protocol';

export class MissedMessages {
  private missed: ToPageMessage[] = [];

  /** post: false when there is no page to take the message (hidden: it is rebuilt and says 'ready' later). */
  constructor(private readonly post: (message: ToPageMessage) => boolean) {}

  deliver(message: ToPageMessage): void {
    if (this.post(message)) return;
    // A later message of the same kind (for a form: the same form) supersedes the earlier one.
    const same = (m: ToPageMessage) =>
      m.type === message.type && (m.type !== 'formDone' || message.type !== 'formDone' || m.form === message.form);
    this.missed = [...this.missed.filter((m) => !same(m)), message];
  }

  /** The page is back: what it missed, in order (delivered again with deliver). */
  take(): ToPageMessage[] {
    const missed = this.missed;
    this.missed = [];
    return missed;
  }
}
