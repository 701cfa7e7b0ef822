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
import {
  attachmentUploadUrlParams,
  checkTicketId,
  listCategoriesParams,
  listProductsParams,
  listTicketsParams,
} from '../../../src/api/params';
import {
  createTicketParams,
  evaluateTicketParams,
  reopenTicketParams,
  replyTicketParams,
} from '../../../src/api/writeParams';
import { validateEndpoint } from '../../../src/api/endpoint';
import { parseProxyUrl, proxyForEndpoint } from '../../../src/api/proxy';
import { checkCredentials } from '../../../src/api/signedRequest';
import { credentialsFromEnvironment, parseAliyunCliConfig } from '../../../src/api/credentials';
import { MAX_ATTACHMENT_BYTES, checkAttachment, checkUploadUrl } from '../../../src/api/upload';
import { parseActionResponse } from '../../../src/api/response';

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
  // The refusals src/api words itself, made by the functions that make them.
  const refusals: Array<[string, () => unknown]> = [
    ['endpoint empty', () => validateEndpoint('')],
    ['endpoint not a URL', () => validateEndpoint('https://exa mple.com')],
    ['endpoint ftp', () => validateEndpoint('ftp://workorder.aliyuncs.com')],
    ['endpoint with password', () => validateEndpoint('https://user:pass@workorder.aliyuncs.com')],
    ['endpoint with path', () => validateEndpoint('https://workorder.aliyuncs.com/path')],
    ['endpoint plain http', () => validateEndpoint('http://workorder.example.com')],
    ['proxy not a URL', () => parseProxyUrl('http://exa mple:80')],
    ['proxy socks', () => parseProxyUrl('socks5://127.0.0.1:1080')],
    ['proxy ftp', () => parseProxyUrl('ftp://proxy.example.com')],
    ['proxy with path', () => parseProxyUrl('http://proxy.example.com:8080/x')],
    ['proxy bad encoding', () => parseProxyUrl('http://us%zzer:pw@proxy.example.com:8080')],
    [
      'proxy from environment',
      () => proxyForEndpoint('https://workorder.aliyuncs.com', undefined, { HTTPS_PROXY: 'socks5://h:1' }),
    ],
    ['credentials id', () => checkCredentials({ accessKeyId: 'LTAI 5t', accessKeySecret: 'secret' })],
    ['credentials secret', () => checkCredentials({ accessKeyId: 'LTAI5t', accessKeySecret: 'sec ret' })],
    ['credentials token', () => checkCredentials({ accessKeyId: 'STS.x', accessKeySecret: 's', securityToken: 't t' })],
    ['environment half', () => credentialsFromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5t' })],
    [
      'environment sts',
      () => credentialsFromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.x', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' }),
    ],
    ['cli not json', () => parseAliyunCliConfig('{')],
    ['cli no profiles', () => parseAliyunCliConfig('{"profiles":[]}', 'work')],
    ['cli other profiles', () => parseAliyunCliConfig('{"profiles":[{"name":"a"},{"name":"b"}]}', 'work')],
    ['cli ram role', () => parseAliyunCliConfig('{"profiles":[{"name":"default","mode":"RamRoleArn"}]}')],
    ['cli no key', () => parseAliyunCliConfig('{"profiles":[{"name":"default","mode":"AK"}]}')],
    [
      'cli no sts token',
      () =>
        parseAliyunCliConfig(
          '{"profiles":[{"name":"default","mode":"StsToken","access_key_id":"a","access_key_secret":"b"}]}',
        ),
    ],
    ['list page number', () => listTicketsParams({ pageNumber: 0, pageSize: 20 })],
    ['list page size', () => listTicketsParams({ pageNumber: 1, pageSize: Number.NaN })],
    ['list dates', () => listTicketsParams({ pageNumber: 1, pageSize: 20, startDate: 5, endDate: 1 })],
    ['products language', () => listProductsParams({ language: 'fr' as never })],
    ['products name', () => listProductsParams({ name: 5 as never })],
    ['categories no product', () => listCategoriesParams('')],
    ['upload url no name', () => attachmentUploadUrlParams('')],
    ['upload url folder', () => attachmentUploadUrlParams('a/b.txt')],
    ['upload url long', () => attachmentUploadUrlParams('x'.repeat(201))],
    ['reply encrypt', () => replyTicketParams('0005PYGCW', 'hi', { encrypt: 'yes' as never })],
    ['reply attachments', () => replyTicketParams('0005PYGCW', 'hi', { attachments: 'k' as never })],
    ['reply attachment key', () => replyTicketParams('0005PYGCW', 'hi', { attachments: ['a,b'] })],
    ['reopen empty', () => reopenTicketParams('0005PYGCW', '')],
    ['rate solved', () => evaluateTicketParams('0005PYGCW', { score: 5 } as never)],
    ['rate score', () => evaluateTicketParams('0005PYGCW', { solved: true, score: 7 })],
    ['rate comment', () => evaluateTicketParams('0005PYGCW', { solved: true, score: 5, content: 5 as never })],
    ['create category', () => createTicketParams({ severity: 1, description: 'd' } as never)],
    ['create severity', () => createTicketParams({ categoryId: 1, severity: 3, description: 'd' } as never)],
    ['create description', () => createTicketParams({ categoryId: 1, severity: 1, description: ' ' })],
    ['create title', () => createTicketParams({ categoryId: 1, severity: 1, description: 'd', title: 5 } as never)],
    ['create email', () => createTicketParams({ categoryId: 1, severity: 1, description: 'd', email: 'me@home' })],
    ['create secret', () => createTicketParams({ categoryId: 1, severity: 1, description: 'd', secret: 'x' } as never)],
    [
      'create secret text',
      () => createTicketParams({ categoryId: 1, severity: 1, description: 'd', secret: { content: 5 } } as never),
    ],
    ['attachment not bytes', () => checkAttachment('a.txt', 'text' as never)],
    ['attachment empty', () => checkAttachment('a.txt', new Uint8Array(0))],
    ['attachment too large', () => checkAttachment('big.zip', new Uint8Array(MAX_ATTACHMENT_BYTES + 1))],
    ['upload address not a URL', () => checkUploadUrl('::', 'https://workorder.aliyuncs.com')],
    [
      'upload address password',
      () => checkUploadUrl('https://u:p@oss.example.com/x', 'https://workorder.aliyuncs.com'),
    ],
    ['upload address http', () => checkUploadUrl('http://oss.example.com/x', 'https://workorder.aliyuncs.com')],
    [
      'gateway page 400',
      () => parseActionResponse('GetTicket', { status: 400, headers: {}, body: '<html>Bad</html>' }),
    ],
    ['gateway empty 403', () => parseActionResponse('GetTicket', { status: 403, headers: {}, body: '' })],
  ];
  for (const [name, run] of refusals) add(name, thrown(run));
  for (const code of ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_REVOKED'])
    add(`certificate ${code}`, certificateError(code, 'workorder.aliyuncs.com:443', 'proxy.example.com:3128'));
  add(
    'certificate untrusted direct',
    certificateError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'workorder.aliyuncs.com:443', undefined),
  );
  add('Error', new Error('boom LTAI5tSecretIdValue1'));
  add('string', 'plain');
  return cases;
}
