// The page's saved state (vscode.getState/setState): scroll position, reply box, open forms. One object, updated in
// parts by main.ts and acting.ts, written back whole.
import type { PanelState } from '../protocol';
import type { VsCodeApi } from './vscodeApi';

export class PageState {
  private state: PanelState;

  constructor(
    private readonly vscode: VsCodeApi<PanelState>,
    ticketId: string,
  ) {
    const saved = vscode.getState();
    // A state for another ticket (should not happen) is not carried over.
    this.state = saved && saved.ticketId === ticketId ? { ...saved } : { ticketId };
  }

  get(): Readonly<PanelState> {
    return this.state;
  }

  update(part: Partial<Omit<PanelState, 'ticketId'>>): void {
    this.state = { ...this.state, ...part };
    this.vscode.setState(this.state);
  }
}
