// The vscode side of an attachment click in a ticket panel: the modal question naming where the link goes, then the
// browser. The rules (which links, what is shown of them) are attachments.ts's.
import * as vscode from 'vscode';
import type { TicketNote } from '../../api/types';
import { BuiltinCommands } from '../../common/commands';
import { t } from '../../common/l10n';
import { openAttachment } from './attachments';

/** The modal question before an attachment opens: true only when the user chose Open. */
export async function askBeforeOpeningAttachment(question: string, detail: string): Promise<boolean> {
  const open = t('Open');
  return (await vscode.window.showWarningMessage(question, { modal: true, detail }, open)) === open;
}

/** Opens the attachment the page clicked, looked up among the notes on screen (never taken from the page). */
export function openAttachmentAfterAsking(
  notes: readonly TicketNote[],
  clicked: { note: number; attachment: number },
  confirm: (question: string, detail: string) => PromiseLike<boolean> = askBeforeOpeningAttachment,
): Promise<unknown> {
  return openAttachment(notes, clicked.note, clicked.attachment, {
    confirm,
    // The string itself, not a Uri: a presigned URL must reach the browser byte for byte (BuiltinCommands.open).
    openExternal: (url) => vscode.commands.executeCommand(BuiltinCommands.open, url),
  });
}
