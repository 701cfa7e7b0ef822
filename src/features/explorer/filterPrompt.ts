// The Filter Tickets flow: statuses (multi-select), keyword, creation date. Escape at any step changes nothing.
import * as vscode from 'vscode';
import { STATUS_LABELS, STATUS_NAMES, type StatusName, type StatusValue } from '../../api/types';
import { STATUS_GROUP_ORDER } from '../../tickets/status';
import { DATE_PRESETS, describeFilter, parseDateRange, presetRange, validateKeyword, type DatePreset, type TicketFilter } from './filter';

const TITLE = 'Filter Tickets';

export async function promptForFilter(current: TicketFilter, now = Date.now()): Promise<TicketFilter | undefined> {
  const statusItems = STATUS_GROUP_ORDER.map((value: StatusValue) => ({
    label: STATUS_LABELS[value],
    name: STATUS_NAMES[value],
    picked: current.statuses?.includes(STATUS_NAMES[value]) ?? false,
  }));
  const picked = await vscode.window.showQuickPick(statusItems, {
    title: `${TITLE} (1/3): Status`,
    placeHolder: 'Pick the statuses to show; pick none for all',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const statuses: StatusName[] = picked.length === statusItems.length ? [] : picked.map((item) => item.name);

  const keyword = await vscode.window.showInputBox({
    title: `${TITLE} (2/3): Keyword`,
    prompt: 'Tickets whose description contains this text; leave empty for any',
    value: current.keyword ?? '',
    ignoreFocusOut: true,
    validateInput: validateKeyword,
  });
  if (keyword === undefined) return undefined;

  type DateItem = vscode.QuickPickItem & { preset?: DatePreset; custom?: boolean; keep?: boolean };
  const currentRange = current.startDate !== undefined ? describeFilter({ startDate: current.startDate, endDate: current.endDate }) : '';
  const dateItems: DateItem[] = [
    ...(currentRange ? [{ label: `Keep: ${currentRange}`, keep: true }] : []),
    ...DATE_PRESETS.map((p) => ({ label: p.label, preset: p.preset })),
    { label: 'Custom range…', description: 'e.g. 2026-11-01 to 2026-11-27', custom: true },
  ];
  const date = await vscode.window.showQuickPick(dateItems, {
    title: `${TITLE} (3/3): Created`,
    placeHolder: 'When the tickets were created',
    ignoreFocusOut: true,
  });
  if (!date) return undefined;
  let range: { startDate: number; endDate: number } | undefined;
  if (date.keep) {
    range = { startDate: current.startDate!, endDate: current.endDate! };
  } else if (date.custom) {
    const text = await vscode.window.showInputBox({
      title: `${TITLE} (3/3): Created between`,
      prompt: 'One date (until today) or two: 2026-11-01 to 2026-11-27',
      placeHolder: 'YYYY-MM-DD to YYYY-MM-DD',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const parsed = parseDateRange(value, now);
        return parsed.ok ? undefined : parsed.message;
      },
    });
    if (text === undefined) return undefined;
    const parsed = parseDateRange(text, now);
    range = parsed.ok ? parsed.range : undefined;
  } else if (date.preset) {
    range = presetRange(date.preset, now);
  }

  return {
    statuses: statuses.length ? statuses : undefined,
    keyword: keyword.trim() || undefined,
    ...(range ? range : {}),
  };
}
