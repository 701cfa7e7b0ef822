// The words of the secret guard's question: what was found (masked) and where, and the buttons: Send as Confidential
// (when the text can go so), Redact and Send; Cancel is the modal's own. Pure: guardPrompt.ts shows them.
import { t } from '../../common/l10n';
import { dialogLine } from '../../common/untrustedText';
import type { GuardChoice, GuardQuestion, OutgoingKind } from './guard';

export interface QuestionWords {
  message: string;
  detail: string;
  /** Buttons in order, each with the choice it stands for (Cancel is the modal's own). */
  buttons: Array<{ label: string; choice: GuardChoice }>;
}

/** At most this many findings are listed; the rest are counted. */
const MAX_LISTED = 8;

function whatLeaves(outgoing: OutgoingKind): string {
  switch (outgoing) {
    case 'newTicket':
      return t('The new ticket contains what looks like credentials.');
    case 'reply':
      return t('Your reply contains what looks like credentials.');
    case 'reopen':
      return t('The reason for reopening contains what looks like credentials.');
    case 'rating':
      return t('The rating comment contains what looks like credentials.');
  }
}

function confidentialHint(outgoing: OutgoingKind): string {
  switch (outgoing) {
    case 'newTicket':
      return t(
        "Send as Confidential moves them into the ticket's confidential information, which only support can read; Redact and Send replaces them with a note.",
      );
    case 'reply':
      return t(
        'Send as Confidential encrypts the reply, so only support can read it; Redact and Send replaces them with a note.',
      );
    case 'reopen':
    case 'rating':
      return t(
        'This text cannot be sent as confidential: Redact and Send replaces them with a note, or cancel and edit it.',
      );
  }
}

export function questionWords(question: GuardQuestion): QuestionWords {
  // The findings come from pasted text: shown through the trust module's rule for a modal's lines.
  const listed = question.items
    .slice(0, MAX_LISTED)
    .map((i) => `• ${dialogLine(t('{0} {1} ({2})', i.label, i.masked, i.place), 160)}`);
  if (question.items.length > MAX_LISTED) listed.push(t('… and {0} more', question.items.length - MAX_LISTED));
  const buttons: QuestionWords['buttons'] = [];
  if (question.canSendConfidential) buttons.push({ label: t('Send as Confidential'), choice: 'confidential' });
  buttons.push({ label: t('Redact and Send'), choice: 'redact' });
  return {
    message: whatLeaves(question.outgoing),
    detail: `${listed.join('\n')}\n\n${confidentialHint(question.outgoing)} ${t('Nothing has been sent yet.')}`,
    buttons,
  };
}
