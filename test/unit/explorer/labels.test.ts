// What a ticket, its tooltip and a status look like in the tree (plain data; explorerView.ts maps it to TreeItems).
import * as assert from 'assert';
import { Commands } from '../../../src/common/commands';
import type { Ticket, TicketSummary } from '../../../src/api/types';
import { TicketApiError } from '../../../src/api/errors';
import { nodeLook, shortFailure, ticketTooltip, ticketTooltipError } from '../../../src/features/explorer/labels';
import { ticketHoverMarkdown } from '../../../src/features/hover/hoverMarkdown';
import { ticketIdOf, type TicketNode } from '../../../src/features/explorer/model';
import { statusLook } from '../../../src/tickets/display';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DAY = 24 * 3600_000;

const summary: TicketSummary = {
  ticketId: '0005PYGCW',
  title: 'ECS instance cannot reach OSS',
  status: { value: 3, label: 'Waiting for your feedback' },
};
const details: Ticket = {
  ...summary,
  description: 'd',
  createTime: NOW - 3 * DAY,
  creatorId: '1234567890',
  categoryId: '88',
  severity: { value: 2, label: 'Urgent' },
};
const node: TicketNode = { kind: 'ticket', id: 'wait_feedback/0005PYGCW', ticket: summary };

describe('explorer item looks', () => {
  it('a ticket: id, age and title as label, status icon in its colour, click opens it', () => {
    const look = nodeLook(node, details, NOW, 50);
    assert.strictEqual(look.label, '0005PYGCW · 3d · ECS instance cannot reach OSS');
    assert.strictEqual(look.description, undefined);
    assert.deepStrictEqual(look.icon, { id: 'bell-dot', color: 'list.warningForeground' });
    assert.strictEqual(look.contextValue, 'ticket', 'the context menu (Open, Copy Ticket ID, Refresh) keys on this');
    assert.deepStrictEqual(look.command, {
      command: Commands.openTicket,
      title: 'Open Ticket',
      arguments: ['0005PYGCW'],
    });
    assert.strictEqual(
      look.accessibilityLabel,
      'ECS instance cannot reach OSS, ticket 0005PYGCW, Waiting for your feedback, created 3 days ago',
    );
  });

  it('at the usual sidebar width a long title loses its end, not the id and age; screen readers and the tooltip get it all', () => {
    const title =
      'ECS instance i-bp1demo0003 will not start after resizing the system disk to 200 GiB in cn-hangzhou-h';
    const long: TicketNode = { ...node, ticket: { ...summary, title } };
    const look = nodeLook(long, { ...details, title }, NOW, 50);
    // VS Code cuts a row from its end (the label, then the description after it): the id and age must lead.
    assert.ok(look.label.startsWith('0005PYGCW · 3d · '), look.label);
    assert.ok(look.label.endsWith(title), 'the whole title is in the label; only the sidebar cuts it');
    assert.strictEqual(look.description, undefined, 'nothing after the title that the sidebar would cut');
    assert.strictEqual(
      look.accessibilityLabel,
      `${title}, ticket 0005PYGCW, Waiting for your feedback, created 3 days ago`,
    );
    const tooltip = ticketTooltip(long.ticket, { ...details, title }, NOW);
    assert.ok(tooltip.includes('0005PYGCW') && tooltip.includes('ECS instance i\\-bp1demo0003 will not'));
  });

  it('a ticket with unread answers from support: the Inbox’s icon (never cut), "new" after the title, and screen readers', () => {
    const look = nodeLook(node, details, NOW, 50, undefined, 2);
    assert.deepStrictEqual(look.icon, { id: 'comment-unresolved', color: 'charts.orange' });
    assert.strictEqual(look.label, '0005PYGCW · 3d · ECS instance cannot reach OSS');
    assert.strictEqual(look.description, '● 2 new');
    assert.match(look.accessibilityLabel ?? '', /, 2 unread answers(, created 3 days ago)?$/);
    assert.strictEqual(nodeLook(node, details, NOW, 50, undefined, 1).description, '● 1 new');
    const none = nodeLook(node, details, NOW, 50, undefined, 0);
    assert.deepStrictEqual([none.description, none.icon?.id], [undefined, 'bell-dot']);
  });

  it('before the details are fetched: no tooltip (resolveTreeItem fills it), the age once the creation time is known', () => {
    const bare = nodeLook(node, undefined, NOW, 50);
    assert.strictEqual(bare.tooltip, undefined);
    assert.strictEqual(bare.label, '0005PYGCW · ECS instance cannot reach OSS');
    assert.strictEqual(
      nodeLook(node, undefined, NOW, 50, NOW - 2 * 3600_000).label,
      '0005PYGCW · 2h · ECS instance cannot reach OSS',
    );
  });

  it('the tooltip: title, status, severity, id, creation time (relative and absolute) and creator, the rows of the hover', () => {
    assert.strictEqual(
      ticketTooltip(summary, details, NOW, 'UTC'),
      [
        '**ECS instance cannot reach OSS**',
        'Waiting for your feedback · Severity: Urgent · 0005PYGCW',
        'Created 3 days ago \\(2026\\-11\\-24 12\\:00\\)',
        'Creator: 1234567890',
      ].join('\n\n'),
    );
    // The hover on an id shows the same rows (plus the status icon and its links).
    const hover = ticketHoverMarkdown(details, NOW, 'UTC').markdown;
    for (const row of ticketTooltip(summary, details, NOW, 'UTC').split('\n\n')) {
      assert.ok(hover.includes(row.replace(/^Waiting/, '$(bell-dot) Waiting')), row);
    }
    assert.match(
      ticketTooltip(summary, { ...details, createTime: 0, creatorId: '' }, NOW, 'UTC'),
      /Created: unknown\n\nCreator: unknown$/,
    );
  });

  it('a list that failed to load says the gist in words that fit a sidebar row (how long to wait when throttled)', () => {
    const throttled = (retryAfterMs?: number) =>
      new TicketApiError({ code: 'Throttling.User', kind: 'throttled', message: 'x', retryAfterMs });
    assert.strictEqual(shortFailure(throttled(30_000)), 'Too many requests: wait 30 s');
    assert.strictEqual(shortFailure(throttled(600_000)), 'Too many requests: wait 10 min');
    assert.strictEqual(shortFailure(throttled()), 'Too many requests: wait a minute');
    assert.strictEqual(
      shortFailure(new TicketApiError({ code: 'NetworkError', kind: 'network', message: 'x' })),
      'Could not reach the Ticket API',
    );
    for (const label of [
      'Too many requests: wait 30 s',
      'Server error (HTTP 503): try again later',
      'Could not reach the Ticket API',
    ]) {
      assert.ok(label.length <= 40, `${label} fits a default-width sidebar`);
    }
    assert.strictEqual(
      shortFailure(new TicketApiError({ code: 'Forbidden.RAM', kind: 'permission', message: 'x' })),
      'No permission to list tickets',
    );
    // Rarer failures keep the whole sentence.
    assert.strictEqual(
      shortFailure(new TicketApiError({ code: 'InvalidParameter', kind: 'badRequest', message: 'x' })),
      undefined,
    );
  });

  it('a tooltip whose details failed says why in one line', () => {
    const tooltip = ticketTooltipError(summary, 'The Ticket API is limiting requests.\nRetry in 5 seconds.');
    assert.strictEqual(
      tooltip,
      '**ECS instance cannot reach OSS**\n\n0005PYGCW\n\nDetails unavailable: The Ticket API is limiting requests\\. Retry in 5 seconds\\.',
    );
  });

  it('context-menu commands find the ticket id in a tree item, { ticketId } or the id itself', () => {
    assert.strictEqual(ticketIdOf(node), '0005PYGCW');
    assert.strictEqual(ticketIdOf({ ticketId: '001571BTXC' }), '001571BTXC');
    assert.strictEqual(ticketIdOf('001571BTXC'), '001571BTXC');
    for (const other of [undefined, null, 42, {}, { kind: 'group', id: 'group/dealing' }, { ticketId: 7 }]) {
      assert.strictEqual(ticketIdOf(other), undefined, JSON.stringify(other));
    }
  });

  it('each of the six statuses has its own icon; an unknown status looks like "pending"', () => {
    const icons = [1, 2, 3, 4, 5, 6].map((value) => statusLook(value).icon);
    assert.strictEqual(new Set(icons).size, 6);
    assert.deepStrictEqual(statusLook(42), statusLook(1));
    assert.deepStrictEqual(
      [1, 2, 3, 4, 5, 6].filter((value) => statusLook(value).needsYou),
      [3, 5],
    );
  });
});
