// The "Alibaba Cloud Tickets" log (a LogOutputChannel). Every line passes through redactSecrets, with the credentials
// in use as extra known values, so no AccessKey id, secret, token or signature is ever written, and then through
// logText (common/untrustedText.ts): server text in a line cannot start a forged entry or carry control characters.
import * as vscode from 'vscode';
import { redactSecrets } from '../api/redact';
import { logText } from '../common/untrustedText';
import type { RequestLogEvent } from '../api/types';

/** Longest entry written: a server's answer quoted in an error is cut here. */
const LOG_LINE_MAX = 8000;

export class TicketLog implements vscode.Disposable {
  private channelInstance: vscode.LogOutputChannel | undefined;

  /**
   * knownSecrets: values to hide exactly (the signed-in credentials), on top of the pattern-based redaction.
   * onLine: sees every line as written (the test surface's "no secret anywhere" check); nothing is kept here.
   */
  constructor(
    private readonly knownSecrets: () => ReadonlyArray<string | undefined> = () => [],
    private readonly onLine?: (line: string) => void,
  ) {}

  /** Made with the first line or Show Log, not at activation: a window that logs nothing adds no channel. */
  private get channel(): vscode.LogOutputChannel {
    this.channelInstance ??= vscode.window.createOutputChannel('Alibaba Cloud Tickets', { log: true });
    return this.channelInstance;
  }

  /** One line per attempt the client made (from TicketClient's onRequest). */
  request(event: RequestLogEvent): void {
    const parts = [
      event.ticketId ? `${event.action} ${event.ticketId}` : event.action,
      event.httpStatus ? `HTTP ${event.httpStatus}` : 'no response',
      `${Math.round(event.durationMs)} ms`,
    ];
    if (event.attempt > 1) parts.push(`attempt ${event.attempt}`);
    if (event.code) parts.push(`code ${event.code}`);
    if (event.requestId) parts.push(`RequestId ${event.requestId}`);
    if (event.retryInMs !== undefined) parts.push(`retrying in ${Math.round(event.retryInMs)} ms`);
    const line = parts.join(' · ');
    if (event.code) this.warn(line);
    else this.info(line);
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }

  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }

  error(message: string, error?: unknown): void {
    const detail =
      error === undefined ? '' : `: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    this.channel.error(this.clean(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channelInstance?.dispose();
  }

  private clean(message: string): string {
    const line = logText(redactSecrets(message, this.knownSecrets()), LOG_LINE_MAX);
    this.onLine?.(line);
    return line;
  }
}
