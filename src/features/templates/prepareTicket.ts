// What New Ticket (and Create Ticket from Selection / about a RequestId) opens the form with: the team's templates
// offered first when the draft is empty, and the product a template or an error's facts name matched in the catalogue
// so the form starts with it chosen. Loaded on first use (src/lazy/features.ts).
import * as vscode from 'vscode';
import type { CatalogLanguage } from '../../api/types';
import { t } from '../../common/l10n';
import { quickPickText } from '../../common/untrustedText';
import type { CatalogClient } from '../../tickets/categoryNames';
import type { Prefill } from '../new-ticket/prefill';
import { withCatalogChoice } from './catalogChoice';
import { templatePrefill, type TemplateContext } from './placeholders';
import { TEAM_FILE_PATH, type TicketTemplate } from './teamFile';
import { mergeByName, readTeamFiles } from './teamFiles';

export interface TicketStart extends TemplateContext {
  /** Offer the team's templates (the draft is empty and the form closed). */
  offerTemplates: boolean;
}

export interface PrepareDeps {
  getClient: () => Promise<CatalogClient | undefined>;
  language: () => CatalogLanguage;
}

/** The prefill the form opens with; `cancelled` when the user dismissed the template choice. */
export type PreparedTicket = { cancelled: true } | { cancelled: false; prefill?: Prefill };

type TemplateItem = vscode.QuickPickItem & { template?: TicketTemplate; edit?: vscode.Uri };

function severityLabel(template: TicketTemplate): string | undefined {
  return template.severity === 2 ? t('Urgent') : undefined;
}

function templateItem(template: TicketTemplate): TemplateItem {
  const where = [template.product, template.category].filter(Boolean).join(' / ');
  const description = [where, severityLabel(template)].filter(Boolean).join(' · ');
  const firstLine = template.description?.split('\n').find((line) => line.trim()) ?? '';
  return {
    label: quickPickText(template.name, 80),
    ...(description ? { description: quickPickText(description, 120) } : {}),
    ...(template.titlePrefix || firstLine
      ? { detail: quickPickText([template.titlePrefix, firstLine].filter(Boolean).join(' — '), 160) }
      : {}),
    template,
  };
}

/** The team's templates in a quick pick, a blank ticket first; undefined when dismissed. */
async function pickTemplate(): Promise<{ template?: TicketTemplate } | undefined> {
  const reads = await readTeamFiles();
  const templates = mergeByName(reads.map((r) => r.file.templates));
  if (!templates.length) return {};
  const items: TemplateItem[] = [
    ...templates.map(templateItem),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: t('Blank ticket'), description: t('no template') },
    { label: t('Edit the team templates…'), description: TEAM_FILE_PATH, edit: reads[0].uri },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: t('New Ticket: start from a team template'),
    placeHolder: t('Templates from {0}; Escape to cancel', TEAM_FILE_PATH),
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.edit) {
    await vscode.window.showTextDocument(picked.edit);
    return undefined;
  }
  return { template: picked.template };
}

export async function prepareTicket(start: TicketStart, deps: PrepareDeps): Promise<PreparedTicket> {
  let prefill = start.prefill;
  if (start.offerTemplates) {
    const picked = await pickTemplate();
    if (!picked) return { cancelled: true };
    if (picked.template) {
      const fromTemplate = templatePrefill(picked.template, start);
      // A template without a product keeps the product the command found (an error's service).
      prefill = { ...fromTemplate, ...(fromTemplate.product ? {} : { product: start.prefill?.product }) };
    }
  }
  if (prefill?.product) {
    const client = await deps.getClient().catch(() => undefined);
    prefill = await withCatalogChoice(prefill, client, deps.language());
  }
  return { cancelled: false, ...(prefill ? { prefill } : {}) };
}
