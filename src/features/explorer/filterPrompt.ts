// The Filter Tickets flow: the team's saved queries when there are some, then statuses (multi-select), keyword,
// creation date. Escape at any step changes nothing.
import * as vscode from 'vscode';
import { STATUS_NAMES, type StatusName, type StatusValue } from '../../api/types';
import { t } from '../../common/l10n';
import { statusLabel } from '../../tickets/display';
import { STATUS_GROUP_ORDER } from '../../tickets/status';
import {
  DATE_PRESETS,
  describeFilter,
  parseDateRange,
  presetLabel,
  presetRange,
  validateKeyword,
  type DatePreset,
  type TicketFilter,
} from './filter';
import { pickSavedQuery } from '../templates/pickSavedQuery';

export async function promptForFilter(current: TicketFilter, now = Date.now()): Promise<TicketFilter | undefined> {
  // The team's saved queries come first, when the workspace has some.
  const saved = await pickSavedQuery(now);
  if (saved !== 'custom') return saved;
  const statusItems = STATUS_GROUP_ORDER.map((value: StatusValue) => ({
    label: statusLabel(value),
    name: STATUS_NAMES[value],
    picked: current.statuses?.includes(STATUS_NAMES[value]) ?? false,
  }));
  const picked = await vscode.window.showQuickPick(statusItems, {
    title: t('Filter Tickets (1/3): Status'),
    placeHolder: t('Pick the statuses to show; pick none for all'),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const statuses: StatusName[] = picked.length === statusItems.length ? [] : picked.map((item) => item.name);

  const keyword = await vscode.window.showInputBox({
    title: t('Filter Tickets (2/3): Keyword'),
    prompt: t('Tickets whose description contains this text; leave empty for any'),
    value: current.keyword ?? '',
    ignoreFocusOut: true,
    validateInput: validateKeyword,
  });
  if (keyword === undefined) return undefined;

  const currentRange =
    current.startDate !== undefined ? describeFilter({ startDate: current.startDate, endDate: current.endDate }) : '';
  const date = await pickDate(currentRange, now);
  if (!date) return undefined;
  let range: { startDate: number; endDate: number } | undefined;
  if (date.keep) {
    range = { startDate: current.startDate!, endDate: current.endDate! };
  } else if (date.range) {
    range = date.range;
  } else if (date.custom) {
    const text = await vscode.window.showInputBox({
      title: t('Filter Tickets (3/3): Created between'),
      prompt: t('One date (until today) or two: 2026-11-01 to 2026-11-27'),
      placeHolder: t('YYYY-MM-DD to YYYY-MM-DD'),
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

type DateItem = vscode.QuickPickItem & {
  preset?: DatePreset;
  custom?: boolean;
  keep?: boolean;
  range?: { startDate: number; endDate: number };
  /** The typed text is not a range: Enter keeps the step open. */
  invalid?: boolean;
};

/**
 * Step 3: a preset, "Custom range…", or a range typed straight into the box ("2026-11-01 to 2026-11-27", what the
 * hint shows): typed text that reads as a range becomes the first row, text that does not says why.
 */
function pickDate(currentRange: string, now: number): Promise<DateItem | undefined> {
  const fixed: DateItem[] = [
    ...(currentRange ? [{ label: t('Keep: {0}', currentRange), keep: true }] : []),
    ...DATE_PRESETS.map((p) => ({ label: presetLabel(p.preset), preset: p.preset })),
    { label: t('Custom range…'), description: t('or type it here: 2026-11-01 to 2026-11-27'), custom: true },
  ];
  const pick = vscode.window.createQuickPick<DateItem>();
  pick.title = t('Filter Tickets (3/3): Created');
  pick.placeholder = t('A preset, or type a range: 2026-11-01 to 2026-11-27');
  pick.ignoreFocusOut = true;
  pick.items = fixed;
  const typed = (): DateItem | undefined => {
    const value = pick.value.trim();
    // Text that picks a preset by name ("last 7") is left to the list's own matching.
    if (!value || !/\d/.test(value)) return undefined;
    const parsed = parseDateRange(value, now);
    if (!parsed.ok) return { label: `$(error) ${parsed.message}`, alwaysShow: true, invalid: true };
    const range = parsed.range!;
    return {
      label: t('Created {0}', describeFilter(range)),
      description: t('the range you typed'),
      alwaysShow: true,
      range,
    };
  };
  pick.onDidChangeValue(() => {
    const item = typed();
    pick.items = item ? [item, ...fixed] : fixed;
  });
  return new Promise((resolve) => {
    let result: DateItem | undefined;
    pick.onDidAccept(() => {
      const selected = pick.selectedItems[0] ?? pick.activeItems[0] ?? typed();
      if (!selected || selected.invalid) return;
      result = selected;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}
