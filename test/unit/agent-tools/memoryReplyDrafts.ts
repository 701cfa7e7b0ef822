// The reply boxes the draft tool writes into, in memory: what the tool read, wrote and opened. The extension's own
// ReplyDrafts is the ticket panels' (extension.ts hands them to the tools; test/integration/agent-tools.test.ts).
import type { ReplyDrafts } from '../../../src/features/agent-tools/replyDrafts';

export class MemoryReplyDrafts implements ReplyDrafts {
  /** Draft text by ticket id. */
  readonly texts = new Map<string, string>();
  /** Tickets whose panel the tool opened, in order. */
  readonly opened: string[] = [];

  getDraft(ticketId: string): string {
    return this.texts.get(ticketId) ?? '';
  }

  async setDraft(ticketId: string, text: string): Promise<void> {
    this.texts.set(ticketId, text);
  }

  open(ticketId: string): void {
    this.opened.push(ticketId);
  }
}
