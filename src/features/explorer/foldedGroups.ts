// Which status groups the user folded or unfolded in the Tickets view, kept while the window runs. VS Code forgets a
// tree item's folded state once the item leaves the tree (the flat list replaces the groups, a sign-out empties it),
// so without this every group came back in its default state: the groups the user had folded opened again. No
// vscode import.
import type { StatusValue } from '../../api/types';
import type { NodeLook } from './labels';

export class FoldedGroups {
  private readonly chosen = new Map<StatusValue, 'collapsed' | 'expanded'>();

  /** The user folded (or unfolded) the group of `status`. */
  set(status: StatusValue, state: 'collapsed' | 'expanded'): void {
    this.chosen.set(status, state);
  }

  /** The user folded the group of `status` (and has not unfolded it since): nothing but the user opens it again. */
  foldedByUser(status: StatusValue): boolean {
    return this.chosen.get(status) === 'collapsed';
  }

  /** The group's state as shown: the user's choice when it has rows, else the default (`collapsible`). */
  apply(status: StatusValue, collapsible: NodeLook['collapsible']): NodeLook['collapsible'] {
    // l10n-exempt: states, not words.
    return collapsible === 'none' ? 'none' : (this.chosen.get(status) ?? collapsible);
  }
}
