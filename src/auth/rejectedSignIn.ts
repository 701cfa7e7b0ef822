// One prompt when the server stops accepting the saved sign-in (an STS token that expired while the laptop slept, a key
// disabled in the console): every request refused after it stays quiet until one is accepted again or the sign-in
// changes. Without it the refusals came one per background request, each silent, and nothing said to sign in again.
// No vscode import: the composition root shows the prompt.
import { kindForResponse } from '../api/errors';
import type { RequestLogEvent } from '../api/types';

export class RejectedSignIn {
  private prompted = false;

  /** `prompt(expired)`: show the one prompt (expired: an STS token ran out). */
  constructor(private readonly prompt: (expired: boolean) => void) {}

  /** Every attempt of the signed-in account's client (not the one-off client that checks a key being typed). */
  observe(event: RequestLogEvent): void {
    if (!event.code) {
      if (event.httpStatus > 0 && event.httpStatus < 400) this.prompted = false;
      return;
    }
    if (this.prompted || kindForResponse(event.code, event.httpStatus, event.action) !== 'auth') return;
    this.prompted = true;
    this.prompt(event.code === 'InvalidSecurityToken.Expired');
  }

  /** Signed in again, or another account: a refusal from now on is news again. */
  reset(): void {
    this.prompted = false;
  }
}
