// The Tickets view's mark for a ticket the watcher announced (support answered) and the user has not opened since.
import * as assert from 'assert';
import { nodeLook } from '../../../src/features/explorer/labels';
import type { TicketNode } from '../../../src/features/explorer/model';

describe('watcher: the mark in the Tickets view', () => {
  const node: TicketNode = {
    kind: 'ticket',
    id: 'wait_feedback/0005PYGCW',
    ticket: { ticketId: '0005PYGCW', title: 'Renewal fails', status: { value: 3, label: '' } },
  };

  it('marks the row with the Inbox’s icon and "new", and says so to screen readers; an unmarked row is unchanged', () => {
    const marked = nodeLook(node, undefined, 0, 50, undefined, 0, true);
    const plain = nodeLook(node, undefined, 0, 50, undefined, 0, false);
    assert.strictEqual(marked.description, 'new');
    assert.strictEqual(plain.description, undefined);
    assert.deepStrictEqual(marked.icon, { id: 'comment-unresolved', color: 'charts.orange' });
    assert.match(marked.accessibilityLabel, /new answer from support/);
    assert.doesNotMatch(plain.accessibilityLabel, /new answer/);
    assert.deepStrictEqual(
      { ...marked, description: '', accessibilityLabel: '', icon: undefined },
      { ...plain, description: '', accessibilityLabel: '', icon: undefined },
    );
  });
});
