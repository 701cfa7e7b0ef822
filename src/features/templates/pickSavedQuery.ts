// The team's saved queries (.vscode/aliyun-tickets.json) offered first by the Tickets view's Filter: one pick applies
// a named filter; "Custom filter…" goes on to the usual steps. Names and keywords come from the file: outside text,
// shown through the quick-pick rule.
import * as vscode from 'vscode';
import { t } from '../../common/l10n';
import { notificationText, quickPickText } from '../../common/untrustedText';
import { describeFilter, type TicketFilter } from '../explorer/filter';
import { savedQueryFilter } from './savedQueries';
import { mergeByName, readTeamFiles } from './teamFiles';

type QueryItem = vscode.QuickPickItem & { filter?: TicketFilter; problem?: string; custom?: boolean };

/**
 * A saved query's filter; `custom` when the user asked for the usual steps (or the workspace has no saved queries);
 * undefined when dismissed.
 */
export async function pickSavedQuery(now: number): Promise<TicketFilter | 'custom' | undefined> {
  const queries = mergeByName((await readTeamFiles()).map((r) => r.file.queries));
  if (!queries.length) return 'custom'; // l10n-exempt: an outcome code
  const items: QueryItem[] = queries.map((query) => {
    const result = savedQueryFilter(query, now);
    const description = result.ok ? describeFilter(result.filter) || t('all tickets') : result.message;
    return {
      label: quickPickText(query.name, 80),
      description: quickPickText(description, 160),
      ...(result.ok ? { filter: result.filter } : { problem: result.message }),
    };
  });
  const picked = await vscode.window.showQuickPick<QueryItem>(
    [
      ...items,
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: t('Custom filter…'), description: t('status, keyword, dates'), custom: true },
    ],
    {
      title: t('Filter Tickets: saved queries'),
      placeHolder: t('A saved query of the team, or a custom filter'),
      matchOnDescription: true,
      ignoreFocusOut: true,
    },
  );
  if (!picked) return undefined;
  if (picked.custom) return 'custom'; // l10n-exempt: an outcome code
  if (picked.problem) {
    void vscode.window.showWarningMessage(notificationText(picked.problem, 400));
    return undefined;
  }
  return picked.filter;
}
