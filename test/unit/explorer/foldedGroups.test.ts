// The Tickets view's groups keep the folded state the user gave them when the tree is rebuilt (grouped -> flat ->
// grouped): VS Code forgets it with the items, and the folded groups used to open again.
import * as assert from 'assert';
import { FoldedGroups } from '../../../src/features/explorer/foldedGroups';
import { nodeLook } from '../../../src/features/explorer/labels';
import { TicketList, type GroupNode } from '../../../src/features/explorer/nodes';
import { COMPLETED, PROCESSING, WAITING_FOR_YOU } from '../../../src/tickets/status';

function group(status: GroupNode['status'], totalCount: number): GroupNode {
  const list = new TicketList(`status:${status}`, status);
  list.totalCount = totalCount;
  list.pagesLoaded = 1;
  return { kind: 'group', id: `group:${status}`, status, list };
}

describe('explorer/FoldedGroups', () => {
  const shown = (folded: FoldedGroups, node: GroupNode) =>
    folded.apply(node.status, nodeLook(node, undefined, Date.now(), 50).collapsible);

  it('a group the user folded comes back folded when the groups are made anew; one unfolded, unfolded', () => {
    const folded = new FoldedGroups();
    assert.strictEqual(shown(folded, group(WAITING_FOR_YOU, 3)), 'expanded', 'open by default');
    assert.strictEqual(shown(folded, group(COMPLETED, 9)), 'collapsed', 'history is folded by default');
    folded.set(WAITING_FOR_YOU, 'collapsed');
    folded.set(COMPLETED, 'expanded');
    // The flat list replaced the groups; switching back makes new group nodes.
    assert.strictEqual(shown(folded, group(WAITING_FOR_YOU, 3)), 'collapsed');
    assert.strictEqual(shown(folded, group(COMPLETED, 9)), 'expanded');
    assert.strictEqual(shown(folded, group(PROCESSING, 2)), 'expanded', 'untouched groups keep their default');
    assert.strictEqual(shown(folded, group(WAITING_FOR_YOU, 0)), 'none', 'an empty group has nothing to fold');
  });

  it('says which groups the user folded: the Tickets view does not unfold them to follow the ticket shown', () => {
    const folded = new FoldedGroups();
    assert.strictEqual(folded.foldedByUser(COMPLETED), false, 'folded by default is not folded by the user');
    folded.set(WAITING_FOR_YOU, 'collapsed');
    assert.strictEqual(folded.foldedByUser(WAITING_FOR_YOU), true);
    assert.strictEqual(folded.foldedByUser(PROCESSING), false);
    folded.set(WAITING_FOR_YOU, 'expanded');
    assert.strictEqual(folded.foldedByUser(WAITING_FOR_YOU), false, 'unfolded again');
  });
});
