// A template made into the start of a draft: its description skeleton with the placeholders filled from where the
// ticket was started (the selection, its file and lines, a RequestId), its title prefix before the title, its product,
// category and severity as the choice the form starts with. No vscode import: unit-tested in plain Node.
import { fenced, type Prefill, type SelectionSource } from '../new-ticket/prefill';
import type { TicketTemplate } from './teamFile';

/** The placeholders a description skeleton may hold (the schema lists the same names). */
export const PLACEHOLDERS = ['selection', 'file', 'lines', 'requestId'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

/** Where the ticket was started from, as far as it is known. */
export interface TemplateContext {
  selection?: SelectionSource;
  requestId?: string;
  /** What the command would have put in the draft without a template (the selection's block, a RequestId's facts). */
  prefill?: Prefill;
}

const PLACEHOLDER = /\$\{(\w+)\}/g;

function lines(selection: SelectionSource): string {
  return selection.startLine === selection.endLine
    ? String(selection.startLine)
    : `${selection.startLine}-${selection.endLine}`;
}

function valueOf(name: string, context: TemplateContext): string | undefined {
  switch (name as PlaceholderName) {
    case 'selection':
      return context.selection ? fenced(context.selection.text, context.selection.languageId) : '';
    case 'file':
      return context.selection?.relativePath ?? '';
    case 'lines':
      return context.selection ? lines(context.selection) : '';
    case 'requestId':
      return context.requestId ?? '';
    default:
      // Not one of ours: left as written, so the user sees it in the draft.
      return undefined;
  }
}

/** The skeleton with each known placeholder replaced (an unknown one stays as written). */
export function fillPlaceholders(skeleton: string, context: TemplateContext): string {
  return skeleton.replace(PLACEHOLDER, (whole, name: string) => valueOf(name, context) ?? whole);
}

/**
 * The draft's start for `template`: the skeleton filled in; the command's own prefill (the selection's block, the
 * request's facts) kept below it unless the skeleton already places the selection; the title prefix before the title
 * the command suggested; the template's product, category and severity to be matched against the catalogue.
 */
export function templatePrefill(template: TicketTemplate, context: TemplateContext): Prefill {
  const skeleton = template.description ? fillPlaceholders(template.description, context) : '';
  const placesSelection = !!context.selection && /\$\{selection\}/.test(template.description ?? '');
  const own = placesSelection ? '' : (context.prefill?.description ?? '');
  const description = [skeleton.replace(/\s+$/, ''), own.replace(/\s+$/, '')].filter(Boolean).join('\n\n');
  const suggested = context.prefill?.title ?? '';
  const prefix = template.titlePrefix ?? '';
  // The prefix is one word or tag ("[RDS]"), cut of its spaces when read: a space follows it, so what the user types
  // after it (or the suggested title) does not run into it.
  const title = prefix ? `${prefix} ${suggested}` : suggested;
  return {
    ...(title ? { title } : {}),
    description: description ? `${description}\n` : '',
    ...(template.product ? { product: template.product } : {}),
    ...(template.category ? { category: template.category } : {}),
    ...(template.severity ? { severity: template.severity } : {}),
  };
}
