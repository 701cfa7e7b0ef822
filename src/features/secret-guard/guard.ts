// What happens to text about to leave in clear when the detector finds credentials in it: the user is asked (a modal,
// guardPrompt.ts) and the answer decides what is sent: the same text as Confidential (a reply's Encrypt, a new ticket's
// SecretInfo), the text with each secret replaced by a marker, or nothing. Pure: no vscode import; the question is
// handed in. Nothing is sent without an answer: a question that fails or is dismissed is a Cancel.
import { t } from '../../common/l10n';
import { findSecrets, redact, secretKindLabel, type SecretFinding, type SecretKind } from './detector';

/** Which text is leaving: each has its own words in the question, and only some can go as Confidential. */
export type OutgoingKind = 'newTicket' | 'reply' | 'reopen' | 'rating';

export type GuardChoice = 'confidential' | 'redact' | 'cancel';

export interface GuardItem {
  kind: SecretKind;
  /** What it is, in the display language. */
  label: string;
  /** The value mostly hidden (detector.mask). */
  masked: string;
  /** Where: "title", "line 3". */
  place: string;
}

export interface GuardQuestion {
  outgoing: OutgoingKind;
  items: GuardItem[];
  /** A reply can be encrypted and a new ticket has SecretInfo; a reopen reason and a rating comment have neither. */
  canSendConfidential: boolean;
}

/** Asks the user; resolves with the choice ('cancel' when dismissed). */
export type AskAboutSecrets = (question: GuardQuestion) => PromiseLike<GuardChoice>;

export function canSendConfidential(outgoing: OutgoingKind): boolean {
  return outgoing === 'reply' || outgoing === 'newTicket';
}

function item(finding: SecretFinding, place: string): GuardItem {
  return { kind: finding.kind, label: secretKindLabel(finding.kind), masked: finding.masked, place };
}

async function ask(ask: AskAboutSecrets, question: GuardQuestion): Promise<GuardChoice> {
  try {
    const choice = await ask(question);
    // l10n-exempt: a choice, not words
    return choice === 'confidential' && !question.canSendConfidential ? 'cancel' : (choice ?? 'cancel');
  } catch {
    // l10n-exempt: a choice, not words
    return 'cancel';
  }
}

/** The text as it may leave (reply, reopen reason, rating comment), or undefined when the user cancelled. */
export async function guardText(
  text: string,
  outgoing: Exclude<OutgoingKind, 'newTicket'>,
  askUser: AskAboutSecrets,
): Promise<{ text: string; confidential: boolean } | undefined> {
  const findings = findSecrets(text);
  if (!findings.length) return { text, confidential: false };
  const choice = await ask(askUser, {
    outgoing,
    items: findings.map((f) => item(f, t('line {0}', f.line))),
    canSendConfidential: canSendConfidential(outgoing),
  });
  if (choice === 'confidential') return { text, confidential: true };
  if (choice === 'redact') return { text: redact(text, findings), confidential: false };
  return undefined;
}

export interface TicketText {
  title: string;
  description: string;
  /** The ticket's SecretInfo content. */
  secret: string;
}

/**
 * A new ticket's title and description as they may leave, or undefined when the user cancelled. Confidential moves
 * each secret into SecretInfo (named by what it is and where it was) and leaves a marker in its place.
 */
export async function guardTicket(ticket: TicketText, askUser: AskAboutSecrets): Promise<TicketText | undefined> {
  const inTitle = findSecrets(ticket.title);
  const inDescription = findSecrets(ticket.description);
  if (!inTitle.length && !inDescription.length) return ticket;
  const titlePlace = t('title');
  const descriptionPlace = (f: SecretFinding) => t('description, line {0}', f.line);
  const choice = await ask(askUser, {
    outgoing: 'newTicket',
    items: [...inTitle.map((f) => item(f, titlePlace)), ...inDescription.map((f) => item(f, descriptionPlace(f)))],
    canSendConfidential: true,
  });
  if (choice === 'redact') {
    return { ...ticket, title: redact(ticket.title, inTitle), description: redact(ticket.description, inDescription) };
  }
  if (choice !== 'confidential') return undefined;
  const moved = (text: string, findings: SecretFinding[], place: (f: SecretFinding) => string) =>
    findings.map((f) => `${secretKindLabel(f.kind)} (${place(f)}): ${text.slice(f.start, f.end)}`);
  const secret = [
    ticket.secret.trim(),
    ...moved(ticket.title, inTitle, () => titlePlace),
    ...moved(ticket.description, inDescription, descriptionPlace),
  ]
    .filter(Boolean)
    .join('\n');
  const marker = (kind: SecretKind) => t('in the confidential information: {0}', secretKindLabel(kind));
  return {
    title: redact(ticket.title, inTitle, marker),
    description: redact(ticket.description, inDescription, marker),
    secret,
  };
}
