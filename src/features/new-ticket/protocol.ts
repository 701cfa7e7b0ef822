// Messages between the New Ticket form page (page/newTicketPage.ts) and the extension, and the text the page shows that
// the extension translated (FormStrings, rendered into the page's HTML). The page says 'ready' once it listens; only
// then does the extension post the draft and the product list. Messages from the page are checked field by field (the
// page is untrusted); the page checks the strings field by field too, so a missing one shows empty, never as English.
import type { ProductDirectory, TicketCategory as Category } from '../../api/types';
import { parseDraft, type DraftAttachment, type DraftProblem, type TicketDraft } from './draft';
import { productMatches } from './productSearch';

export type { TicketCategory as Category } from '../../api/types';

/**
 * A catalogue directory as the form shows it: the display language's names, and the other catalogue language's names
 * of the directory and each product (otherNames), which the search matches too.
 */
export interface FormDirectory extends ProductDirectory {
  otherNames?: string[];
  products: Array<{ productId: string; productName: string; otherNames?: string[] }>;
}

/** Extension -> page. */
export type ToFormMessage =
  | { type: 'draft'; draft: TicketDraft }
  | { type: 'products'; directories: FormDirectory[] }
  | { type: 'productsFailed'; message: string }
  | { type: 'categories'; productId: string; categories: Category[] }
  | { type: 'categoriesFailed'; productId: string; message: string }
  | { type: 'attachments'; attachments: DraftAttachment[]; uploading?: { name: string; percent: number } }
  | { type: 'sending'; sending: boolean; label?: string }
  /**
   * What is wrong with the draft. live: the check again after an edit (a fixed field loses its mark; the focus stays
   * where the user types).
   */
  | { type: 'problems'; problems: DraftProblem[]; message?: string; live?: boolean };

/** Page -> extension. */
export type FromFormMessage =
  | { type: 'ready' }
  | { type: 'draftChanged'; draft: TicketDraft }
  | { type: 'loadCategories'; productId: string }
  | { type: 'retryProducts' }
  | { type: 'addAttachments' }
  | { type: 'removeAttachment'; index: number }
  | { type: 'submit'; draft: TicketDraft }
  | { type: 'cancel' }
  | { type: 'discard' };

/**
 * The text the page script sets itself, in the display language (render.ts fills it with t()). `{0}`, `{1}` are
 * filled in by the page with formatMessage.
 */
export interface FormStrings {
  /** {0}: what was typed into the product search. */
  noProductMatches: string;
  chooseCategory: string;
  noCategories: string;
  /** The category list's placeholder before a product is chosen. */
  chooseProductFirst: string;
  loadingProducts: string;
  loadingCategories: string;
  noProducts: string;
  /** {0}: the error sentence. */
  productsFailed: string;
  /** {0}: the error sentence. */
  categoriesFailed: string;
  /** {0}: file name, {1}: size in KB. */
  attachmentSize: string;
  remove: string;
  /** {0}: file name (the Remove button's accessible name). */
  removeFile: string;
  /** {0}: file name, {1}: percent. */
  uploading: string;
  sending: string;
  submit: string;
}

export const FORM_STRING_KEYS = [
  'noProductMatches',
  'chooseCategory',
  'noCategories',
  'chooseProductFirst',
  'loadingProducts',
  'loadingCategories',
  'noProducts',
  'productsFailed',
  'categoriesFailed',
  'attachmentSize',
  'remove',
  'removeFile',
  'uploading',
  'sending',
  'submit',
] as const satisfies ReadonlyArray<keyof FormStrings>;

/** The strings as the page reads them back from its HTML: each field a string (else empty), nothing else kept. */
export function parseFormStrings(raw: unknown): FormStrings {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const strings = {} as FormStrings;
  for (const key of FORM_STRING_KEYS) {
    const value = r[key];
    strings[key] = typeof value === 'string' ? value.slice(0, 1000) : '';
  }
  return strings;
}

/** Returns the message if it is one the page may send, else undefined. */
export function parseFormMessage(raw: unknown): FromFormMessage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'retryProducts':
    case 'addAttachments':
    case 'cancel':
    case 'discard':
      return { type: m.type };
    case 'draftChanged':
    case 'submit':
      return m.draft && typeof m.draft === 'object' ? { type: m.type, draft: parseDraft(m.draft) } : undefined;
    case 'loadCategories':
      return typeof m.productId === 'string' && /^[\w.-]{1,64}$/.test(m.productId)
        ? { type: 'loadCategories', productId: m.productId }
        : undefined;
    case 'removeAttachment':
      return typeof m.index === 'number' && Number.isInteger(m.index) && m.index >= 0 && m.index < 100
        ? { type: 'removeAttachment', index: m.index }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Products the query finds (productSearch.ts: any language's name, a word inside it, its abbreviation), or every product
 * of a directory the query names; directories left empty are dropped.
 */
export function filterProducts(directories: FormDirectory[], query: string): FormDirectory[] {
  if (!query.trim()) return directories;
  return directories
    .map((d) => {
      const directoryMatches = productMatches({ productName: d.directoryName, otherNames: d.otherNames }, query);
      return { ...d, products: directoryMatches ? d.products : d.products.filter((p) => productMatches(p, query)) };
    })
    .filter((d) => d.products.length > 0);
}
