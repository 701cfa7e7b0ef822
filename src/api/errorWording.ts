// describeError: the one sentence a user reads for each failure, in English or through a translate function (the
// extension passes t()), with how long to wait, which permission is missing, which write may or may not have been
// carried out, and the RequestId to quote. errors.ts holds the error model itself.
import { signedOutText, TicketApiError } from './errors';
import { formatMessage, renderText, type Translate } from './messageText';
import { UNTRUSTED_CERTIFICATE } from './network/codes';
import { redactSecrets } from './redact';

function waitTime(ms: number, translate: Translate): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return s === 1 ? translate('1 second') : translate('{0} seconds', s);
  const m = Math.ceil(s / 60);
  return m === 1 ? translate('1 minute') : translate('{0} minutes', m);
}

/** The sentence that follows a failure support may need to look into; '' without a RequestId. */
function quoteRequestId(err: TicketApiError, translate: Translate): string {
  // The leading space joins it to the sentence before in English; a translation joins it as its language does.
  return err.requestId
    ? translate(' If it keeps happening, quote RequestId {0} to Alibaba Cloud support.', err.requestId)
    : '';
}

/**
 * The error's own message in words: our sentence (`text`) translated, or else the message as it is (server text, or
 * a message made without a template). Redacted either way, arguments included.
 */
function ownMessage(err: TicketApiError, translate: Translate): string {
  return err.text ? renderText(err.text, translate, (value) => redactSecrets(value)) : redactSecrets(err.message);
}

function describePermission(err: TicketApiError, translate: Translate): string {
  const detail = err.accessDeniedDetail;
  const action = typeof detail?.AuthAction === 'string' && detail.AuthAction ? detail.AuthAction : undefined;
  const principal =
    typeof detail?.AuthPrincipalDisplayName === 'string' && detail.AuthPrincipalDisplayName
      ? detail.AuthPrincipalDisplayName
      : undefined;
  const principalType =
    typeof detail?.AuthPrincipalType === 'string' && detail.AuthPrincipalType ? detail.AuthPrincipalType : undefined;
  const denyType =
    typeof detail?.NoPermissionType === 'string' && detail.NoPermissionType ? detail.NoPermissionType : undefined;
  const denyReason =
    denyType === 'ImplicitDeny'
      ? translate('no policy allows it (ImplicitDeny)')
      : denyType === 'ExplicitDeny'
        ? translate('a policy explicitly denies it (ExplicitDeny)')
        : denyType
          ? translate('deny type {0}', denyType)
          : undefined;
  const who = principal ? (principalType ? `${principalType} ${principal}` : principal) : undefined;
  const denied = action
    ? who
      ? translate('the RAM action {0} was denied for {1}', action, who)
      : translate('the RAM action {0} was denied', action)
    : who
      ? translate('this request was denied for {0}', who)
      : translate('this request was denied');
  const hint = action
    ? translate(
        'Ask your Alibaba Cloud account administrator to grant the AliyunSupportFullAccess policy or a policy allowing {0}.',
        action,
      )
    : translate('Ask your Alibaba Cloud account administrator to grant the AliyunSupportFullAccess policy.');
  return denyReason
    ? translate('You do not have permission to use the Ticket API: {0}; {1}. {2}', denied, denyReason, hint)
    : translate('You do not have permission to use the Ticket API: {0}. {1}', denied, hint);
}

/** What was sent, in words, per write action. */
function writeNoun(action: string | undefined, translate: Translate): string {
  switch (action) {
    case 'ReplyTicket':
      return translate('Your reply');
    case 'CloseTicket':
      return translate('The request to close the ticket');
    case 'ReopenTicket':
      return translate('The request to reopen the ticket');
    case 'EvaluateTicket':
      return translate('Your rating');
    case 'CreateTicket':
      return translate('The new ticket');
    default:
      return translate('The request');
  }
}

function describeUnknownOutcome(err: TicketApiError, translate: Translate): string {
  const why =
    err.code === 'Timeout'
      ? translate('no answer came in time')
      : err.httpStatus >= 500
        ? translate('the server answered with an error (HTTP {0})', err.httpStatus)
        : err.code === 'MalformedResponse'
          ? translate('the answer could not be read')
          : translate('the connection was lost before the answer');
  const check =
    err.action === 'CreateTicket'
      ? translate('Reload your ticket list and check before sending it again.')
      : translate('Reload the ticket and check before sending it again.');
  return translate(
    '{0} was sent, but {1}. The server may or may not have received it, so it was not sent again. {2}{3}',
    writeNoun(err.action, translate),
    why,
    check,
    quoteRequestId(err, translate),
  );
}

/**
 * One sentence (or two) a person understands, per kind of failure. Never contains a secret: only codes, request ids,
 * the AccessDeniedDetail fields (which name the RAM action and principal, not keys) and redacted text.
 *
 * `translate` turns each English template into the display language (the extension passes its t(), see
 * common/errorText.ts); without it the sentence is English, as the log wants it. Every template is a string literal
 * first argument of `translate` here, or of messageText where the error was made (test/unit/common/l10nSource.test.ts
 * checks each has a translation). What the server wrote is an argument, shown as it comes.
 */
export function describeError(err: unknown, translate: Translate = formatMessage): string {
  if (!(err instanceof TicketApiError)) {
    const text = err instanceof Error ? err.message : String(err);
    return translate('Unexpected error: {0}', redactSecrets(text).slice(0, 300));
  }
  switch (err.kind) {
    case 'notFound':
      return err.code === 'InvalidTicketId'
        ? translate('That does not look like a ticket id (ticket ids are letters and digits, such as 0005PYGCW).')
        : translate(
            'That ticket was not found: check the ticket id, and that it belongs to the Alibaba Cloud account you are signed in with.',
          );
    case 'badRequest':
      if (err.code === 'InvalidArgument' || err.code === 'AttachmentTooLarge')
        return ownMessage(err, translate).slice(0, 300);
      return translate('The request was not accepted ({0}): {1}', err.code, ownMessage(err, translate).slice(0, 300));
    case 'auth':
      if (err.code === 'InvalidAccessKeyId.NotFound')
        return translate(
          'The AccessKey ID was not found: check it, or create a new AccessKey in the RAM console, then sign in again.',
        );
      if (err.code === 'InvalidAccessKeyId.Inactive' || err.code === 'Forbidden.AccessKeyDisabled')
        return translate('This AccessKey is disabled: enable it in the RAM console or sign in with another one.');
      if (err.code === 'InvalidSecurityToken.Expired')
        return translate('The STS security token has expired: get new temporary credentials and sign in again.');
      if (err.code.startsWith('InvalidSecurityToken') || err.code === 'MissingSecurityToken')
        return translate(
          'The STS security token is missing or does not match the AccessKey ID: sign in again with the complete temporary credentials.',
        );
      return translate(
        'Alibaba Cloud did not accept these credentials (not authorised): sign in again with a valid AccessKey.',
      );
    case 'signature':
      return translate(
        'The request signature did not match: the AccessKey Secret is probably wrong. Sign in again and paste the secret exactly.',
      );
    case 'clockSkew':
      return translate(
        "Alibaba Cloud rejected the request's timestamp: this computer's clock is off by more than 15 minutes. Check the date, time and time zone settings.",
      );
    case 'permission':
      return describePermission(err, translate);
    case 'throttled':
      return err.retryAfterMs !== undefined
        ? translate(
            'The Ticket API is limiting how often you can call it: wait {0} and try again.',
            waitTime(err.retryAfterMs, translate),
          )
        : translate('The Ticket API is limiting how often you can call it: wait a minute and try again.');
    case 'server': {
      const what = [err.httpStatus ? `HTTP ${err.httpStatus}` : '', /^HTTP\d+$/.test(err.code) ? '' : err.code]
        .filter(Boolean)
        .join(', ');
      return translate(
        'The Ticket API had a server error ({0}); try again later.{1}',
        what,
        quoteRequestId(err, translate),
      );
    }
    case 'network':
      // Says what to do (trust the inspecting proxy's CA …): too long for the cut below, and holds no secret.
      if (err.code === UNTRUSTED_CERTIFICATE) return ownMessage(err, translate).slice(0, 800);
      return /^Could not reach/.test(err.message)
        ? translate(
            '{0} Check your network connection, proxy and the aliyunTickets.endpoint setting.',
            ownMessage(err, translate).slice(0, 200),
          )
        : translate(
            'Could not reach the Ticket API. Check your network connection, proxy and the aliyunTickets.endpoint setting.',
          );
    case 'timeout':
      return translate('The Ticket API did not answer in time. Check your network connection and try again.');
    case 'aborted':
      return translate('The request was cancelled.');
    case 'malformed':
      if (err.code === 'InsecureUploadUrl') return ownMessage(err, translate).slice(0, 300);
      return translate(
        'The Ticket API sent an answer that could not be read ({0}); a proxy or firewall may be in the way.{1}',
        err.code,
        quoteRequestId(err, translate),
      );
    case 'config':
      return ownMessage(err, translate).slice(0, 300);
    case 'signedOut':
      return renderText(signedOutText(), translate);
    case 'unknownOutcome':
      return describeUnknownOutcome(err, translate);
  }
}
