// What the status-bar item shows (the one count of tickets/attention.ts and what the watcher's last check found wrong), as plain data (register.ts puts it on the item), so unit tests run the
// hostile corpus through it without VS Code. Ticket ids, titles and the failure text come from the server: each passes
// through its surface's function of common/untrustedText.ts.
import { t } from '../../common/l10n';
import { statusBarTooltipText } from '../../common/untrustedText';
import type { AttentionCount } from '../../tickets/attention';
import type { WatcherView } from './watcher';

export interface WatcherStatusBarLook {
  /** Status-bar text: renders $(icon); only ours is in it. */
  text: string;
  /** A string tooltip: plain text, one line per waiting ticket. */
  tooltip: string;
  accessibilityLabel: string;
  /** The ticket a click opens: the most recent that waits for the user. */
  first?: string;
}

/** The item's look, or undefined when nothing waits for the user (the item is hidden) or signed out. */
export function watcherStatusBarLook(
  attention: Pick<AttentionCount, 'total' | 'mostRecent' | 'tooltip' | 'accessibilityLabel'>,
  view: WatcherView | undefined,
): WatcherStatusBarLook | undefined {
  const total = attention.total ?? 0;
  if (total === 0 || view?.mode === 'signedOut') return undefined;
  const tooltip = [
    attention.tooltip(statusBarTooltipText),
    ...(view?.problem ? [t('Last check failed: {0}', statusBarTooltipText(view.problem, 300))] : []),
  ].join('\n');
  return {
    text: `$(bell-dot) ${total}`,
    tooltip,
    accessibilityLabel: attention.accessibilityLabel(),
    first: attention.mostRecent()?.ticketId,
  };
}
