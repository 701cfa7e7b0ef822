// Where a drafted reply waits for the user: the ticket panel's reply box, where the user edits and sends it. The
// panels implement it (extension.ts hands them to the tools); no vscode import.

/** What the draft tool needs from the reply box: read what is there, put text in it, show it. */
export interface ReplyDrafts {
  /** The text waiting in the ticket's reply box ('' when none). */
  getDraft(ticketId: string): string;
  /** Replaces the text of the ticket's draft (kept across reloads until the user sends or clears it). */
  setDraft(ticketId: string, text: string): Promise<void>;
  /** Shows the ticket's panel, where the reply box is. */
  open(ticketId: string): Promise<void> | void;
}
