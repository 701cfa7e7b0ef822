// One call of the Ticket API as a series of attempts: each signed afresh (new nonce and date) with the credentials of
// the moment, sent, parsed and logged; a failure is retried when actionPolicy.ts allows it, after the delay below (or
// throttlePolicy.ts's after a throttled answer), and the error a call ends with says how many attempts it made.
import { finalError, isRetryable } from './actionPolicy';
import { TicketApiError, abortedError, errorInit, sanitizeError, withEndpoint } from './errors';
import type { HttpTransport } from './http';
import { messageText, withoutFullStop, type MessageText } from './messageText';
import type { ActionParams } from './params';
import type { ProxyConfig } from './proxy';
import { redactSecrets } from './redact';
import { parseActionResponse, type ParsedResult, type RawResponse } from './response';
import { buildSignedRequest, sleep, unlessAborted } from './signedRequest';
import { isThrottled, throttledRetryDelay } from './throttlePolicy';
import type { Credentials, RequestLogEvent, RequestOptions, SignatureVersion } from './types';

/** How many attempts a call makes and how long it waits between them. */
export interface RetrySchedule {
  maxAttempts: number;
  /** The first retry waits half to all of this; each next one twice as long. */
  baseDelayMs: number;
  /** No wait is longer (a throttled answer asking for more ends the call). */
  maxDelayMs: number;
}

/** What an attempt needs from the client. */
export interface AttemptContext {
  origin: string;
  /** undefined: direct. */
  proxy: ProxyConfig | undefined;
  signatureVersion: SignatureVersion;
  timeoutMs: number;
  now: () => number;
  transport: HttpTransport;
  /** Read per attempt so rotated keys (SecretStorage, refreshed STS) are picked up. */
  credentials: () => Credentials | Promise<Credentials>;
  schedule: RetrySchedule;
  /** Called with a builder: the event is made only when someone listens. */
  log: (event: () => RequestLogEvent) => void;
}

export async function callWithRetries<A extends string>(
  context: AttemptContext,
  action: A,
  params: ActionParams,
  options: RequestOptions = {},
): Promise<ParsedResult<A>> {
  const { origin, proxy } = context;
  const signal = options.signal;
  const ticketId = params.body.TicketId ?? params.query.TicketId;
  // Ends by returning a result or throwing: the last attempt never gets a retry delay.
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortedError(action, attempt - 1);
    // Fixed credentials come without a wait.
    const source = context.credentials();
    const credentials =
      source instanceof Promise ? await unlessAborted(source, signal, () => abortedError(action)) : source;
    const known = [
      credentials.accessKeyId,
      credentials.accessKeySecret,
      credentials.securityToken,
      ...(proxy?.secrets ?? []),
    ];
    const started = Date.now();
    let response: RawResponse | undefined;
    try {
      const request = buildSignedRequest({
        action,
        params,
        credentials,
        origin,
        signatureVersion: context.signatureVersion,
        nowMs: context.now(),
        timeoutMs: context.timeoutMs,
        signal,
      });
      const answer = await context.transport.send({ ...request, proxy });
      response = answer;
      const result = parseActionResponse(action, answer, known);
      context.log(() => ({
        action,
        ticketId,
        attempt,
        httpStatus: answer.status,
        durationMs: Date.now() - started,
        requestId: requestIdOf(answer, known),
      }));
      return result;
    } catch (caught) {
      const err =
        caught instanceof TicketApiError
          ? caught
          : new TicketApiError({
              code: 'InternalError',
              kind: 'network',
              text: messageText('The request failed unexpectedly.'),
              action,
            });
      const delay =
        attempt < context.schedule.maxAttempts && isRetryable(action, err)
          ? retryDelay(context.schedule, err, attempt)
          : undefined;
      context.log(() => ({
        action,
        ticketId,
        attempt,
        httpStatus: err.httpStatus,
        durationMs: Date.now() - started,
        requestId: err.requestId ?? (response ? requestIdOf(response, known) : undefined),
        code: err.code,
        retryInMs: delay,
      }));
      if (delay === undefined)
        throw withEndpoint(
          sanitizeError(finalError(action, withAttempts(err, action, attempt, context.schedule.maxAttempts)), known),
          context.origin,
        );
      await sleep(delay, signal, action);
    }
  }
}

/**
 * Exponential backoff with jitter (half to all of base·2^(attempt-1), capped). After a throttled answer that said
 * how long to wait, throttlePolicy.ts decides.
 */
function retryDelay(schedule: RetrySchedule, err: TicketApiError, attempt: number): number | undefined {
  const exponential = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** (attempt - 1));
  const backoff = Math.floor(exponential / 2 + Math.random() * (exponential / 2));
  if (isThrottled(err) && err.retryAfterMs !== undefined) {
    return throttledRetryDelay(err.retryAfterMs, backoff, schedule.maxDelayMs, Math.min(100, schedule.baseDelayMs));
  }
  return backoff;
}

/** The RequestId for the log line, without parsing the body a second time. */
function requestIdOf(response: RawResponse, known: ReadonlyArray<string | undefined>): string | undefined {
  const match = /"RequestId"\s*:\s*"([^"\\]{1,100})"/.exec(response.body);
  return match ? redactSecrets(match[1], known) : undefined;
}

/** The sentence with the number of attempts inside it, before its full stop when it has one (as `message`). */
function gaveUpText(text: MessageText, english: string, attempts: number): MessageText {
  return english.endsWith('.')
    ? messageText('{0} (gave up after {1} attempts).', withoutFullStop(text), attempts)
    : messageText('{0} (gave up after {1} attempts)', text, attempts);
}

function withAttempts(err: TicketApiError, action: string, attempts: number, maxAttempts: number): TicketApiError {
  const gaveUp = attempts > 1 && attempts >= maxAttempts && isRetryable(action, err);
  return new TicketApiError({
    ...errorInit(err),
    // Inside the sentence, not after its full stop, as in `text` (what describeError shows, translated).
    // l10n-exempt: the English copy of `text`
    message: gaveUp
      ? `${err.message.replace(/\.$/, '')} (gave up after ${attempts} attempts)${err.message.endsWith('.') ? '.' : ''}`
      : err.message,
    text: err.text && (gaveUp ? gaveUpText(err.text, err.message, attempts) : err.text),
    attempts,
  });
}
