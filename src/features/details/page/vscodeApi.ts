// The webview host's API as the page sees it (acquireVsCodeApi may be called once per page), typed by the protocol.
import type { FromPageMessage } from '../protocol';

export interface VsCodeApi<State> {
  postMessage(message: FromPageMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export function vscodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}
