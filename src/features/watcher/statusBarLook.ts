// What the watcher's status-bar item shows, as plain data (register.ts puts it on the item), so unit tests run the
// hostile corpus through it without VS Code. Ticket ids, titles and the failure text come from the server: each passes
// through its surface's function of common/untrustedText.ts.
import { t } from '../../common/l10n';
import { statusBarTooltipText } from '../../common/untrustedText';
import { statusLabel, titleText } from '../../tickets/display';
import type { WatcherView } from './watcher';

export interface WatcherStatusBarLook {
  /** Status-bar text: renders $(icon); only ours is in it. */
  text: string;
  /** A string tooltip: plain text, one line per waiting ticket. */
  tooltip: string;
  accessibilityLabel: string;
  /** The ticket a click opens. */
  first: string;
}

/** Tickets listed in the tooltip at most. */
const TOOLTIP_TICKETS = 10;

/** The item's look, or undefined when nothing waits for the user (the item is hidden). */
export function watcherStatusBarLook(view: WatcherView): WatcherStatusBarLook | undefined {
  const waiting = view.mode === 'polling' || view.mode === 'following' ? view.waiting : [];
  if (waiting.length === 0) return undefined;
  const lines = waiting
    .slice(0, TOOLTIP_TICKETS)
    .map(
      (w) =>
        `${statusBarTooltipText(w.ticketId, 64)} ${titleText(w.title, statusBarTooltipText)} (${statusLabel(w.status)})`,
    );
  const first = waiting[0].ticketId;
  const firstShown = statusBarTooltipText(first, 64);
  const tooltip = [
    waiting.length === 1
      ? t('1 ticket waits for you. Click to open {0}.', firstShown)
      : t('{0} tickets wait for you. Click to open {1}.', waiting.length, firstShown),
    ...lines,
    ...(view.problem ? [t('Last check failed: {0}', statusBarTooltipText(view.problem, 300))] : []),
  ].join('\n');
  return {
    text: `$(bell-dot) ${waiting.length}`,
    tooltip,
    accessibilityLabel:
      waiting.length === 1
        ? t('1 Alibaba Cloud ticket waits for you')
        : t('{0} Alibaba Cloud tickets wait for you', waiting.length),
    first,
  };
}
