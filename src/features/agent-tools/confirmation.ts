// The confirmation VS Code shows the user before the Draft Reply tool runs. User-facing, so in the display language
// (what the tools return to the model, format.ts, stays English). No vscode import.
import { t } from '../../common/l10n';
import { modelSpan as span } from '../../common/untrustedText';

/** Longest title quoted in the confirmation. */
const TITLE_MAX = 200;

export interface DraftConfirmation {
  title: string;
  /** Markdown for the chat confirmation (VS Code shows its plain text in a dialog outside chat). */
  message: string;
}

/**
 * The confirmation VS Code shows before the draft tool runs: the ticket and exactly the text, fenced so that nothing
 * in it renders or links; whether it replaces a draft already there.
 */
export function draftConfirmation(
  ticketId: string,
  text: string,
  ticketTitle: string | undefined,
  existingDraftLength: number,
): DraftConfirmation {
  // Shown to the user, so in the display language (what the tools return to the model stays English).
  const box =
    ticketTitle === undefined
      ? t('The reply box of ticket {0} will hold this text for you to read, edit and send.', ticketId)
      : t(
          'The reply box of ticket {0} ({1}) will hold this text for you to read, edit and send.',
          ticketId,
          span(ticketTitle, TITLE_MAX, t('(no title)')),
        );
  const replaces =
    existingDraftLength > 0
      ? `\n\n${t('This replaces the draft already in that reply box ({0} characters).', existingDraftLength)}`
      : '';
  return {
    title: t('Put a draft reply into ticket {0}?', ticketId),
    message: `${box} ${t('Nothing is sent to Alibaba Cloud now.')}${replaces}\n\n${t('Attachments and the Confidential switch already set in that reply box stay as they are, and go with this text when you send it.')}\n\n${draftBlock(text)}`,
  };
}

/**
 * The draft exactly as it will be stored (agentDraftText: no hidden characters, no blank-line runs that push text
 * below the visible part), fenced. Unlike ticket text it is not defanged: it is what the user will send.
 */
function draftBlock(text: string): string {
  // A fence longer than any backtick run in the text: the text shows unchanged and cannot close it.
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  // l10n-exempt: `text` is the fence's info string, not words.
  return `${fence}text\n${text}\n${fence}`;
}
