// Attach… in the New Ticket form: the file picker, then each file checked (a regular file, not too large) before it is
// read, uploaded with progress and added to the draft. The thin vscode adapter around replyAttachments' rules.
import * as vscode from 'vscode';
import { showTicketError } from '../../common/errorNotification';
import { t } from '../../common/l10n';
import { notificationText } from '../../common/untrustedText';
import { attachableProblem } from '../details/replyAttachments';
import type { DraftAttachment } from './draft';
import type { NewTicketClient } from './newTicketClient';

export interface AttachFilesDeps {
  getClient: () => Promise<NewTicketClient | undefined>;
  /** The draft's attachments as they are now. */
  attachments: () => Promise<DraftAttachment[]>;
  /** Adds one uploaded file to the draft (and stores it). */
  add: (attachment: DraftAttachment) => Promise<void>;
  /** The page's list; uploading: the file under way and how far it got. */
  show: (attachments: DraftAttachment[], uploading?: { name: string; percent: number }) => void;
}

export async function attachFiles(deps: AttachFilesDeps): Promise<void> {
  const files = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: t('Attach'),
    title: t('Attach files to the new ticket'),
  });
  if (!files?.length) return;
  const client = await deps.getClient().catch(() => undefined);
  if (!client) {
    void vscode.window.showWarningMessage(t('Sign in to upload attachments. The draft is kept.'));
    return;
  }
  for (const file of files) {
    const name = file.path.split('/').pop() || 'attachment';
    try {
      // Size and kind first: a pipe or a device reports size 0 and reading it may never end; a huge file is refused
      // before it is read into memory.
      const stat = await vscode.workspace.fs.stat(file);
      const problem = attachableProblem((stat.type & vscode.FileType.File) !== 0, stat.size);
      if (problem) {
        void vscode.window.showWarningMessage(t('{0} was not attached: {1}', notificationText(name), problem));
        continue;
      }
      const bytes = await vscode.workspace.fs.readFile(file);
      const before = await deps.attachments();
      const objectKey = await client.uploadAttachment(name, bytes, {
        onProgress: (sent, total) => deps.show(before, { name, percent: total ? Math.floor((sent / total) * 100) : 0 }),
      });
      await deps.add({ name, objectKey, size: bytes.byteLength });
    } catch (error) {
      void showTicketError(error, {}, t('{0} was not attached.', name));
    }
    deps.show(await deps.attachments());
  }
}
