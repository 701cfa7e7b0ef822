// errorText: the sentence a user reads for a failure, in the display language. With the real zh-cn bundle a throttled,
// a not-found, a signature and a network failure read Chinese with their values in place; no template describeError
// reaches lacks its translation; secrets stay out in either language.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { TicketApiError, fromResponse, sanitizeError } from '../../../src/api/errors';
import { describeError } from '../../../src/api/errorWording';
import { TicketClient } from '../../../src/api/client';
import { errorText } from '../../../src/common/errorText';
import { refreshFailureText } from '../../../src/features/explorer/labels';
import { formatMessage, resetL10n, setL10n } from '../../../src/common/l10n';
import { errorCases } from '../api/errorCases';
import { repoRoot } from '../manifest';

const zh: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'),
);

/** What vscode.l10n.t does with a loaded bundle: the translation, or the English when there is none. */
function useChinese(): void {
  setL10n((message, ...args) => formatMessage(zh[message] ?? message, ...args), 'zh-cn');
}

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

describe('common/errorText: failures in the display language', () => {
  afterEach(() => resetL10n());

  it('is describeError’s English until a translator is set', () => {
    for (const [name, error] of errorCases()) assert.strictEqual(errorText(error), describeError(error), name);
  });

  it('a throttled call reads Chinese with the wait in place', () => {
    useChinese();
    const err = fromResponse({ httpStatus: 400, code: 'Throttling.User', retryAfterMs: 20_000, action: 'ListTickets' });
    assert.strictEqual(errorText(err), '工单 API 正在限制调用频率（流控）：请等待 20 秒后重试。');
    assert.strictEqual(
      errorText(fromResponse({ httpStatus: 429, code: 'Throttling', retryAfterMs: 600_000 })),
      '工单 API 正在限制调用频率（流控）：请等待 10 分钟后重试。',
    );
  });

  it('a ticket that is not found, and an id that is not one, read Chinese', () => {
    useChinese();
    const err = fromResponse({ httpStatus: 400, code: 'illegal.param', action: 'GetTicket', requestId: 'R-1' });
    assert.strictEqual(errorText(err), '未找到该工单：请检查工单编号，并确认它属于您当前登录的阿里云账号。');
    assert.match(
      errorText(new TicketApiError({ code: 'InvalidTicketId', kind: 'notFound', message: 'x' })),
      /0005PYGCW/,
    );
  });

  it('a signature mismatch reads Chinese and names the AccessKey Secret', () => {
    useChinese();
    const err = fromResponse({
      httpStatus: 400,
      code: 'SignatureDoesNotMatch',
      serverMessage: 'Specified signature is not matched with our calculation.',
      action: 'GetTicket',
    });
    assert.strictEqual(
      errorText(err),
      '请求签名不匹配：AccessKey Secret 很可能有误。请重新登录，并准确粘贴 AccessKey Secret。',
    );
  });

  it('a refused connection, from a real request, reads Chinese with the host in place', async () => {
    // A port that was just listening and is closed now: the connection is refused.
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = new TicketClient({
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'LTAI5tNetworkTestId01', accessKeySecret: 'network-test-secret-value' },
      maxAttempts: 1,
    });
    const err = await client.getTicket('0005PYGCW').then(
      () => assert.fail('the request should fail'),
      (e: unknown) => e,
    );
    await client.close();
    useChinese();
    assert.ok(err instanceof TicketApiError && err.kind === 'network', String(err));
    assert.strictEqual(
      errorText(err),
      `无法连接 127.0.0.1:${port}：连接被拒绝。请检查网络连接、代理以及 aliyunTickets.endpoint 设置。`,
    );
    resetL10n();
    assert.strictEqual(
      errorText(err),
      `Could not reach 127.0.0.1:${port}: the connection was refused. Check your network connection, proxy and the aliyunTickets.endpoint setting.`,
    );
  });

  it('a connection dropped on every attempt says, in Chinese, that the client gave up after them', async () => {
    // A server that closes every connection without answering.
    const server = http.createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new TicketClient({
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'LTAI5tNetworkTestId01', accessKeySecret: 'network-test-secret-value' },
      maxAttempts: 2,
      retryBaseDelayMs: 1,
    });
    try {
      const err = await client.getTicket('0005PYGCW').then(
        () => assert.fail('the request should fail'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof TicketApiError && err.attempts === 2, String(err));
      assert.strictEqual(
        errorText(err),
        `Could not reach 127.0.0.1:${port}: the connection was closed before a complete answer arrived (gave up after 2 attempts). Check your network connection, proxy and the aliyunTickets.endpoint setting.`,
      );
      useChinese();
      assert.strictEqual(
        errorText(err),
        `无法连接 127.0.0.1:${port}：在收到完整应答前连接已关闭（已尝试 2 次，不再重试）。请检查网络连接、代理以及 aliyunTickets.endpoint 设置。`,
      );
    } finally {
      await client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a refused setting (plain http to a remote host, a SOCKS proxy) reads Chinese, naming the host', async () => {
    const remote = new TicketClient({
      endpoint: 'http://workorder.example.com',
      credentials: { accessKeyId: 'LTAI5tConfigTestId001', accessKeySecret: 'config-test-secret-value' },
    });
    const socks = new TicketClient({
      endpoint: 'https://workorder.aliyuncs.com',
      proxy: 'socks5://127.0.0.1:1080',
      credentials: { accessKeyId: 'LTAI5tConfigTestId001', accessKeySecret: 'config-test-secret-value' },
    });
    const [endpointError, proxyError] = await Promise.all(
      [remote, socks].map((client) =>
        client.getTicket('0005PYGCW').then(
          () => assert.fail('the request should be refused'),
          (e: unknown) => e,
        ),
      ),
    );
    await Promise.all([remote.close(), socks.close()]);
    useChinese();
    assert.strictEqual(
      errorText(endpointError),
      '拒绝通过明文 http 向 workorder.example.com 发送已签名的请求：请使用 https://workorder.example.com。仅允许对 127.0.0.1、localhost 或 [::1] 上的本地模拟器使用明文 http。',
    );
    assert.strictEqual(
      errorText(proxyError),
      '代理 URL 不是可用的代理：仅支持 http:// 和 https:// 代理（当前为 SOCKS 代理）。请使用 http://proxy.example.com:8080（或 http://user:password@proxy.example.com:8080）的格式。',
    );
  });

  it('the Tickets view’s failed-refresh line holds the Chinese sentence without its full stop', () => {
    useChinese();
    const error = fromResponse({ httpStatus: 400, code: 'SignatureDoesNotMatch', action: 'ListTickets' });
    const line = refreshFailureText({ error, at: Date.UTC(2026, 10, 28, 14, 41) }, 'UTC');
    assert.strictEqual(
      line,
      '14:41 刷新失败（请求签名不匹配：AccessKey Secret 很可能有误。请重新登录，并准确粘贴 AccessKey Secret）。当前显示之前加载的工单；刷新时将再次尝试。',
    );
  });

  it('the server’s own text is shown as it comes, inside a Chinese frame', () => {
    useChinese();
    const err = fromResponse({
      httpStatus: 400,
      code: 'InvalidParameter.Keyword',
      serverMessage: '关键字过长',
      action: 'ListTickets',
    });
    assert.strictEqual(
      errorText(err),
      '请求未被接受（InvalidParameter.Keyword）：ListTickets 调用失败：InvalidParameter.Keyword（HTTP 400）：关键字过长',
    );
  });

  it('every template describeError reaches, for every kind and code, has a zh-cn translation', () => {
    for (const [name, error] of errorCases()) {
      const untranslated: string[] = [];
      describeError(error, (message, ...args) => {
        if (!zh[message]) untranslated.push(message);
        return formatMessage(zh[message] ?? message, ...args);
      });
      assert.deepStrictEqual(untranslated, [], `${name}: templates without a zh-cn translation`);
      // A message made without a template (the server's text, as these cases give it) is shown as it comes.
      if (error instanceof TicketApiError && !error.text && describeError(error) === error.message) continue;
      useChinese();
      assert.ok(hasChinese(errorText(error)), `${name}: ${errorText(error)}`);
      resetL10n();
    }
  });

  it('redacts secrets in the arguments as in the English sentence, whatever the language', () => {
    const secret = 'network-secret-value-9876';
    const keyId = 'LTAI5tSecretIdValue42';
    const raw = fromResponse(
      {
        httpStatus: 400,
        code: 'InvalidParameter',
        serverMessage: `echo AccessKeyId=${keyId} and ${secret}`,
        action: 'ListTickets',
      },
      [],
    );
    const clean = sanitizeError(raw, [secret, keyId]);
    useChinese();
    for (const err of [raw, clean]) {
      const text = errorText(err);
      assert.ok(hasChinese(text), text);
      assert.ok(!text.includes(keyId), text);
    }
    assert.ok(!errorText(clean).includes(secret));
    assert.ok(!JSON.stringify(clean.text).includes(secret));
  });
});
