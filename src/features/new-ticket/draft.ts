// The New Ticket draft: its shape, how it is read back from storage or from the page (field by field: the page is
// untrusted), what is checked before Submit, and what is sent. No vscode import: unit-tested in plain Node.
import type { CreateTicketInput, SeverityValue } from '../../api/types';
import { t } from '../../common/l10n';
import { suggestTitle } from './prefill';

export interface DraftAttachment {
  name: string;
  /** What GetAttachmentUploadUrl returned; sent in FileNameList. */
  objectKey: string;
  size: number;
}

export interface TicketDraft {
  productId: string;
  /** Kept so the form shows the choice before the product list has loaded again. */
  productName: string;
  categoryId: string;
  categoryName: string;
  severity: SeverityValue;
  title: string;
  description: string;
  email: string;
  attachments: DraftAttachment[];
  /** Sensitive information (SecretInfo): kept in SecretStorage, never with the rest of the draft. */
  secret: string;
}

/** Keys in the account's scope: the draft in its memento, the SecretInfo field in its secrets. */
export const NEW_TICKET_DRAFT_KEY = 'newTicket.draft';
export const NEW_TICKET_SECRET_KEY = 'newTicket.secret';

export const EMPTY_DRAFT: TicketDraft = {
  productId: '',
  productName: '',
  categoryId: '',
  categoryName: '',
  severity: 1,
  title: '',
  description: '',
  email: '',
  attachments: [],
  secret: '',
};

/** Limits that keep a broken or hostile page from filling storage; far above what a person types. */
const LIMITS = { id: 64, name: 300, title: 500, description: 100_000, email: 320, secret: 20_000, attachments: 20 };

function str(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function id(value: unknown): string {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : str(value, LIMITS.id);
  return /^[\w.-]*$/.test(text) ? text : '';
}

/** A draft from storage or the page: unknown fields dropped, wrong types replaced by empty values. */
export function parseDraft(raw: unknown): TicketDraft {
  const d = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const attachments = Array.isArray(d.attachments)
    ? d.attachments
        .slice(0, LIMITS.attachments)
        .map((a) => (a && typeof a === 'object' ? (a as Record<string, unknown>) : {}))
        .map((a) => ({
          name: str(a.name, LIMITS.name),
          objectKey: str(a.objectKey, 1000),
          size: typeof a.size === 'number' && a.size >= 0 ? a.size : 0,
        }))
        .filter((a) => a.name && a.objectKey)
    : [];
  return {
    productId: id(d.productId),
    productName: str(d.productName, LIMITS.name),
    categoryId: id(d.categoryId),
    categoryName: str(d.categoryName, LIMITS.name),
    severity: d.severity === 2 || d.severity === '2' ? 2 : 1,
    title: str(d.title, LIMITS.title),
    description: str(d.description, LIMITS.description),
    email: str(d.email, LIMITS.email).trim(),
    attachments,
    secret: str(d.secret, LIMITS.secret),
  };
}

/** Whether the draft holds anything the user would miss. */
export function isDraftEmpty(draft: TicketDraft): boolean {
  return (
    !draft.title.trim() &&
    !draft.description.trim() &&
    !draft.secret.trim() &&
    !draft.email &&
    draft.attachments.length === 0 &&
    !draft.categoryId
  );
}

export interface DraftProblem {
  field: 'product' | 'category' | 'description' | 'email';
  message: string;
  /** Blocking problems stop Submit (the API requires the field); others are warnings the server may overrule. */
  blocking: boolean;
}

/** What is wrong before Submit. Only what the API requires blocks; the e-mail shape is a hint. */
export function checkDraft(draft: TicketDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!draft.categoryId) {
    problems.push(
      draft.productId
        ? { field: 'category', message: t('Choose a category: support routes the ticket by it.'), blocking: true }
        : {
            field: 'product',
            message: t('Choose the product the problem is about, then a category.'),
            blocking: true,
          },
    );
  }
  if (!draft.description.trim())
    problems.push({
      field: 'description',
      message: t('Describe the problem: the description is required.'),
      blocking: true,
    });
  if (draft.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email)) {
    problems.push({
      field: 'email',
      message: t('This does not look like an e-mail address; the server will check it.'),
      blocking: false,
    });
  }
  return problems;
}

/** What client.createTicket receives; the secret goes as SecretInfo, apart from the description. */
export function toCreateInput(draft: TicketDraft): CreateTicketInput {
  const title = draft.title.trim() || suggestTitle(draft.description);
  return {
    categoryId: draft.categoryId,
    severity: draft.severity,
    description: draft.description,
    // Without a title the server takes the description's first line ("From app.ts, lines 2-3:"): name it after
    // what the description says instead.
    ...(title ? { title } : {}),
    ...(draft.email ? { email: draft.email } : {}),
    ...(draft.attachments.length ? { attachments: draft.attachments.map((a) => a.objectKey) } : {}),
    ...(draft.secret.trim() ? { secret: { content: draft.secret } } : {}),
  };
}
