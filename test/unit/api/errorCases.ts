// One failure of every kind and code describeError tells apart, made the way src/api makes them where it can (so a
// sentence built inside src/api is covered with its template): shared by the English golden test
// (errorSentences.test.ts) and the translation tests (common/errorText.test.ts).
import {
  TicketApiError,
  abortedError,
  fromResponse,
  signedOutError,
  type TicketErrorKind,
} from '../../../src/api/errors';
import { certificateError } from '../../../src/api/network/tlsErrors';
import { checkTicketId } from '../../../src/api/params';
import { replyTicketParams } from '../../../src/api/writeParams';

type Init = ConstructorParameters<typeof TicketApiError>[0];

function make(kind: TicketErrorKind, extra: Partial<Init> = {}): TicketApiError {
  return new TicketApiError({ code: 'X', kind, message: 'm', ...extra });
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** [name, error] pairs; the names are the golden file's keys. */
export function errorCases(): Array<[string, unknown]> {
  const cases: Array<[string, unknown]> = [];
  const add = (name: string, error: unknown) => cases.push([name, error]);
  add('notFound', make('notFound'));
  add('notFound InvalidTicketId', make('notFound', { code: 'InvalidTicketId' }));
  add(
    'checkTicketId',
    thrown(() => checkTicketId('bad id!', 'GetTicket')),
  );
  add(
    'badRequest InvalidArgument',
    thrown(() => replyTicketParams('0005PYGCW', ' ')),
  );
  add(
    'badRequest AttachmentTooLarge',
    make('badRequest', {
      code: 'AttachmentTooLarge',
      message: '"a.txt" is 30 MB; attachments can be at most 20 MB.',
    }),
  );
  add(
    'badRequest other',
    fromResponse(
      {
        httpStatus: 400,
        code: 'InvalidParameter.Foo',
        serverMessage: 'Bad value LTAI5tAbcdef12345',
        action: 'ListTickets',
        requestId: 'R1',
      },
      ['x'],
    ),
  );
  for (const code of [
    'InvalidAccessKeyId.NotFound',
    'InvalidAccessKeyId.Inactive',
    'Forbidden.AccessKeyDisabled',
    'InvalidSecurityToken.Expired',
    'InvalidSecurityToken.Malformed',
    'MissingSecurityToken',
    'illegal.auth',
  ])
    add(`auth ${code}`, make('auth', { code }));
  add(
    'signature',
    fromResponse({ httpStatus: 400, code: 'SignatureDoesNotMatch', serverMessage: 'x', action: 'GetTicket' }),
  );
  add('clockSkew', make('clockSkew'));
  add('permission bare', make('permission'));
  for (const NoPermissionType of ['ImplicitDeny', 'ExplicitDeny', 'Other', undefined])
    for (const AuthPrincipalType of ['SubUser', undefined])
      for (const AuthPrincipalDisplayName of ['dev-user', undefined])
        for (const AuthAction of ['workorder:GetTicket', undefined])
          add(
            `permission ${NoPermissionType} ${AuthPrincipalType} ${AuthPrincipalDisplayName} ${AuthAction}`,
            make('permission', {
              accessDeniedDetail: { NoPermissionType, AuthPrincipalType, AuthPrincipalDisplayName, AuthAction },
            }),
          );
  for (const ms of [undefined, 0, 1000, 1500, 59_000, 60_000, 89_000, 90_000, 91_000, 600_000])
    add(`throttled ${ms}`, make('throttled', { retryAfterMs: ms }));
  add('server 503', make('server', { code: 'ServiceUnavailable', httpStatus: 503, requestId: 'ABC-123' }));
  add('server HTTP500', make('server', { code: 'HTTP500', httpStatus: 500 }));
  add('server no status', make('server', { code: 'InternalError' }));
  add('server nothing', make('server', { code: 'HTTP0' }));
  add('network could', make('network', { message: 'Could not reach h: the connection was refused.' }));
  add('network other', make('network', { message: 'boom' }));
  add('network cert', certificateError('SELF_SIGNED_CERT_IN_CHAIN', 'h:443', 'p:8080'));
  add('network cert2', certificateError('CERT_HAS_EXPIRED', 'h:443', undefined));
  add('timeout', make('timeout'));
  add('aborted', abortedError('GetTicket'));
  add(
    'malformed insecure',
    make('malformed', {
      code: 'InsecureUploadUrl',
      message: 'The Ticket API gave an upload address that is not https, so the file was not sent.',
    }),
  );
  add('malformed', make('malformed', { code: 'MalformedResponse', requestId: 'RQ' }));
  add('config', make('config', { message: 'Refusing to send signed requests over plain http.' }));
  add('signedOut', signedOutError());
  for (const action of ['ReplyTicket', 'CloseTicket', 'ReopenTicket', 'EvaluateTicket', 'CreateTicket', undefined])
    for (const [code, httpStatus] of [
      ['Timeout', 0],
      ['HTTP503', 503],
      ['MalformedResponse', 200],
      ['NetworkError', 0],
    ] as const)
      add(
        `unknownOutcome ${action} ${code}`,
        make('unknownOutcome', { action, code, httpStatus, requestId: action === 'CloseTicket' ? 'RID' : undefined }),
      );
  add('Error', new Error('boom LTAI5tSecretIdValue1'));
  add('string', 'plain');
  return cases;
}
