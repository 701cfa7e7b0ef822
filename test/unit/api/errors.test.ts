import * as assert from 'assert';
import { TicketApiError, fromResponse, kindForResponse, type TicketErrorKind } from '../../../src/api/errors';
import { describeError } from '../../../src/api/errorWording';
import { parseRetryAfter } from '../../../src/api/response';

describe('api/errors', () => {
  describe('kindForResponse maps the documented codes', () => {
    const table: Array<[string, number, string | undefined, TicketErrorKind]> = [
      ['illegal.param', 400, 'GetTicket', 'notFound'],
      ['illegal.param', 400, 'ListTicketNotes', 'notFound'],
      ['illegal.param', 400, 'ListTickets', 'badRequest'],
      ['param.illegal', 400, 'ListTickets', 'badRequest'],
      ['illegal.auth', 401, undefined, 'auth'],
      ['No permissions', 403, undefined, 'permission'],
      ['System.error', 500, undefined, 'server'],
      ['SignatureDoesNotMatch', 400, undefined, 'signature'],
      ['IncompleteSignature', 400, undefined, 'signature'],
      ['InvalidAccessKeyId.NotFound', 404, undefined, 'auth'],
      ['InvalidAccessKeyId.Inactive', 400, undefined, 'auth'],
      ['Forbidden.AccessKeyDisabled', 403, undefined, 'auth'],
      ['InvalidTimeStamp.Expired', 400, undefined, 'clockSkew'],
      ['InvalidTimeStamp.Format', 400, undefined, 'badRequest'],
      ['SignatureNonceUsed', 400, undefined, 'badRequest'],
      ['Throttling', 400, undefined, 'throttled'],
      ['Throttling.User', 400, undefined, 'throttled'],
      ['Throttling.Api', 400, undefined, 'throttled'],
      ['InvalidSecurityToken.Expired', 400, undefined, 'auth'],
      ['InvalidSecurityToken.Malformed', 400, undefined, 'auth'],
      ['InvalidSecurityToken.MismatchWithAccessKey', 400, undefined, 'auth'],
      ['MissingSecurityToken', 400, undefined, 'auth'],
      ['InternalError', 500, undefined, 'server'],
      ['ServiceUnavailable', 503, undefined, 'server'],
      ['InvalidAction.NotFound', 404, undefined, 'badRequest'],
      ['', 502, undefined, 'server'],
      ['', 401, undefined, 'auth'],
      ['', 403, undefined, 'permission'],
      ['', 404, undefined, 'notFound'],
      ['', 429, undefined, 'throttled'],
      ['', 400, undefined, 'badRequest'],
    ];
    for (const [code, status, action, kind] of table) {
      it(`${code || '(no code)'} / HTTP ${status}${action ? ` / ${action}` : ''} -> ${kind}`, () => {
        assert.strictEqual(kindForResponse(code, status, action), kind);
      });
    }
  });

  describe('fromResponse', () => {
    it('keeps code, status, RequestId and detail, and redacts the server message', () => {
      const err = fromResponse(
        {
          httpStatus: 400,
          code: 'SignatureDoesNotMatch',
          serverMessage:
            'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tAbcdef12345%26Action',
          requestId: 'REQ-1',
          action: 'GetTicket',
        },
        ['LTAI5tAbcdef12345'],
      );
      assert.strictEqual(err.kind, 'signature');
      assert.strictEqual(err.code, 'SignatureDoesNotMatch');
      assert.strictEqual(err.requestId, 'REQ-1');
      assert.ok(!err.message.includes('LTAI5tAbcdef12345'));
      assert.match(err.message, /^GetTicket failed: SignatureDoesNotMatch \(HTTP 400\)/);
    });
  });

  describe('describeError: one sentence per kind a person understands', () => {
    const make = (kind: TicketErrorKind, extra: Partial<ConstructorParameters<typeof TicketApiError>[0]> = {}) =>
      new TicketApiError({ code: 'X', kind, message: 'm', ...extra });
    it('not found and a bad id', () => {
      assert.match(describeError(make('notFound')), /ticket was not found/);
      assert.match(describeError(make('notFound', { code: 'InvalidTicketId' })), /does not look like a ticket id/);
    });
    it('401 and credential problems', () => {
      assert.match(
        describeError(make('auth', { code: 'illegal.auth', httpStatus: 401 })),
        /did not accept these credentials/,
      );
      assert.match(
        describeError(make('auth', { code: 'InvalidSecurityToken.Expired' })),
        /STS security token has expired/,
      );
    });
    it('403 names the action, principal and deny type and hints at the policy', () => {
      const text = describeError(
        make('permission', {
          accessDeniedDetail: {
            AuthAction: 'workorder:GetTicket',
            AuthPrincipalDisplayName: 'dev-user',
            AuthPrincipalType: 'SubUser',
            NoPermissionType: 'ExplicitDeny',
          },
        }),
      );
      assert.match(
        text,
        /workorder:GetTicket was denied for SubUser dev-user; a policy explicitly denies it \(ExplicitDeny\)/,
      );
      assert.match(text, /AliyunSupportFullAccess policy or a policy allowing workorder:GetTicket/);
      assert.match(describeError(make('permission')), /permission.*AliyunSupportFullAccess/);
    });
    it('throttled says how long to wait', () => {
      assert.match(describeError(make('throttled', { retryAfterMs: 1500 })), /wait 2 seconds/);
      assert.match(describeError(make('throttled', { retryAfterMs: 600_000 })), /wait 10 minutes/);
      assert.match(describeError(make('throttled')), /wait a minute/);
    });
    it('server error gives the RequestId to quote', () => {
      const text = describeError(make('server', { code: 'ServiceUnavailable', httpStatus: 503, requestId: 'ABC-123' }));
      assert.match(text, /server error \(HTTP 503, ServiceUnavailable\).*quote RequestId ABC-123/);
    });
    it('network, timeout, clock skew, signature, signed out, aborted, malformed, config', () => {
      assert.match(
        describeError(make('network', { message: 'Could not reach h: the connection was refused.' })),
        /connection was refused\. Check your network/,
      );
      assert.match(describeError(make('timeout')), /did not answer in time/);
      assert.match(describeError(make('clockSkew')), /clock/);
      assert.match(describeError(make('signature')), /AccessKey Secret is probably wrong/);
      assert.match(describeError(make('signedOut')), /not signed in/);
      assert.match(describeError(make('aborted')), /cancelled/);
      assert.match(describeError(make('malformed')), /could not be read/);
      assert.strictEqual(
        describeError(make('config', { message: 'Refusing to send signed requests over plain http.' })),
        'Refusing to send signed requests over plain http.',
      );
    });
    it('anything else is described without secrets', () => {
      assert.strictEqual(
        describeError(new Error('boom LTAI5tSecretIdValue1')),
        'Unexpected error: boom LTAI[redacted]',
      );
      assert.strictEqual(describeError('plain'), 'Unexpected error: plain');
    });
  });

  describe('parseRetryAfter (x-acs-retry-after, read as milliseconds like the official SDK)', () => {
    it('reads whole and fractional numbers as ms; ignores anything else', () => {
      assert.strictEqual(parseRetryAfter({ 'x-acs-retry-after': '1000' }), 1000);
      assert.strictEqual(parseRetryAfter({ 'x-acs-retry-after': ' 250 ' }), 250);
      assert.strictEqual(parseRetryAfter({ 'x-acs-retry-after': '0.5' }), 1);
      for (const bad of ['abc', '-1', '1e9', '', '10s', '9999999999999']) {
        assert.strictEqual(parseRetryAfter({ 'x-acs-retry-after': bad }), undefined, bad);
      }
      assert.strictEqual(parseRetryAfter({}), undefined);
    });
  });
});
