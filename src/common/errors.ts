// Which failure gets which button: one table (ERROR_ACTIONS) read by every surface that shows an error: the
// notification (common/errorNotification.ts), the details panel's error view (details/render.ts), the Tickets view's
// welcome messages (package.json viewsWelcome, checked against this table by test/unit/common/errorPolicy.test.ts).
// Pure: no vscode import.
import { CREDENTIALS_UNAVAILABLE, isTicketApiError, type TicketErrorKind } from '../api/errors';
import { t } from './l10n';

/** What the user can do about a failure. */
export type ErrorAction = 'signIn' | 'openSettings' | 'openAnotherTicket' | 'retry' | 'showDetails';

/**
 * The English button text of each action, the same on every surface. package.json's welcome views spell these (their
 * translations are in package.nls.*.json); code shows errorActionLabel, the display language's.
 */
export const ERROR_ACTION_LABELS: Readonly<Record<ErrorAction, string>> = {
  signIn: 'Sign In',
  openSettings: 'Open Settings',
  openAnotherTicket: 'Open Another Ticket',
  retry: 'Retry',
  showDetails: 'Show Details',
};

/** The button text of an action in the display language. */
export function errorActionLabel(action: ErrorAction): string {
  switch (action) {
    case 'signIn':
      return t('Sign In');
    case 'openSettings':
      return t('Open Settings');
    case 'openAnotherTicket':
      return t('Open Another Ticket');
    case 'retry':
      return t('Retry');
    case 'showDetails':
      return t('Show Details');
  }
}

const SIGN_IN: readonly ErrorAction[] = ['signIn', 'showDetails'];
const RETRY: readonly ErrorAction[] = ['retry', 'showDetails'];

/**
 * The actions for each kind of failure, the one that helps first. Signing in (or fixing the setting) reloads by
 * itself, so Sign In comes without Retry (it would only repeat the refusal). A permission failure needs an
 * administrator: the details (which action, which principal) come before Retry. A ticket that does not exist is most
 * often a mistyped id: opening another one comes first. A write whose fate is unknown gets no Retry.
 */
export const ERROR_ACTIONS: Readonly<Record<TicketErrorKind, readonly ErrorAction[]>> = {
  // Not a fault: nothing went wrong that a log could explain, so signing in is all there is to offer.
  signedOut: ['signIn'],
  auth: SIGN_IN,
  signature: SIGN_IN,
  config: ['openSettings', 'retry', 'showDetails'],
  notFound: ['openAnotherTicket', 'retry', 'showDetails'],
  permission: ['showDetails', 'retry'],
  throttled: RETRY,
  server: RETRY,
  network: RETRY,
  timeout: RETRY,
  malformed: RETRY,
  clockSkew: RETRY,
  // The server refused the request as it was (a bad e-mail address, a status that does not allow the action): sending it
  // again unchanged can only be refused again. What to change is in the message.
  badRequest: ['showDetails'],
  aborted: RETRY,
  // Only a write ends this way, and the surface that sent it reloads and looks for it itself: a Retry here would send
  // it a second time.
  unknownOutcome: ['showDetails'],
};

/**
 * Failures support can look into by their RequestId: "Create Ticket about This Request" is offered for these. A
 * wrong or disabled key, a wrong clock, a bad setting or a cancel are the user's to fix, and a failure without a
 * RequestId (the request never got an answer) gives support nothing to look up.
 */
const SUPPORT_CAN_HELP: Readonly<Record<TicketErrorKind, boolean>> = {
  signedOut: false,
  auth: false,
  signature: false,
  config: false,
  clockSkew: false,
  aborted: false,
  notFound: true,
  permission: true,
  throttled: true,
  server: true,
  network: true,
  timeout: true,
  malformed: true,
  badRequest: true,
  unknownOutcome: true,
};

/** Whether to offer a ticket about this failure (it has a RequestId, and its kind is one support can help with). */
export function canAskSupportAbout(error: unknown): boolean {
  return isTicketApiError(error) && !!error.requestId && SUPPORT_CAN_HELP[error.kind];
}

/** Errors that are not a TicketApiError (a bug somewhere): trying again is all there is. */
const UNKNOWN_ERROR_ACTIONS: readonly ErrorAction[] = RETRY;

/**
 * The actions for this error, from ERROR_ACTIONS by kind. One code overrides its kind: a saved sign-in whose outside
 * source is gone (environment variables unset, CLI profile deleted) is a 'config' error that only a new sign-in fixes.
 */
export function errorActions(error: unknown): readonly ErrorAction[] {
  if (!isTicketApiError(error)) return UNKNOWN_ERROR_ACTIONS;
  if (error.code === CREDENTIALS_UNAVAILABLE) return SIGN_IN;
  return ERROR_ACTIONS[error.kind];
}

/** Errors that only a (new) sign-in fixes: signed out, key unknown / disabled / expired, wrong secret. */
export function needsSignIn(error: unknown): boolean {
  return errorActions(error)[0] === 'signIn';
}
