// What a Chinese user reads in New Ticket, the watcher's notifications and sign-in, through the real zh-cn bundle; and
// the same in English by default. The page's own text is checked in Chromium in new-ticket/pageInBrowser.test.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { accountDisplayName } from '../../../src/auth/accounts/accountIndex';
import { listCliProfiles } from '../../../src/auth/accounts/cliProfiles';
import { SITES, shortSiteName, siteLabel } from '../../../src/auth/accounts/sites';
import {
  accountLabel,
  accountLabelText,
  validateAccessKeyIdInput,
  validateSecretInput,
} from '../../../src/auth/credentialInput';
import { describeError } from '../../../src/api/errorWording';
import { TicketClient } from '../../../src/api/client';
import { ClientProvider } from '../../../src/auth/clientProvider';
import { createExternalCredentialSources } from '../../../src/auth/externalCredentials';
import { errorText } from '../../../src/common/errorText';
import { formatMessage, resetL10n, setL10n } from '../../../src/common/l10n';
import { checkDraft, EMPTY_DRAFT } from '../../../src/features/new-ticket/draft';
import { requestIdPrefill, selectionPrefill } from '../../../src/features/new-ticket/prefill';
import { FORM_STRING_KEYS, parseFormStrings } from '../../../src/features/new-ticket/protocol';
import { formStrings, renderNewTicketHtml } from '../../../src/features/new-ticket/render';
import { diffSnapshots, type TicketSnapshot } from '../../../src/features/watcher/announcements';
import { repoRoot } from '../manifest';
import { unescapeHtml } from '../../fixtures/html';

function useChinese(): void {
  const zh = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<
    string,
    string
  >;
  setL10n((message, ...args) => formatMessage(zh[message] ?? message, ...args), 'zh-cn');
}

const RESOURCES = { cspSource: 'vscode-resource:', nonce: 'bm9uY2U=', styleUri: 's.css', scriptUri: 's.js' };

/** The page's visible text and user-facing attributes, without its markup. */
function pageText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:placeholder|aria-label|title)="([^"]*)"/g)].map((m) => m[1]);
  const text = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, '\n');
  return unescapeHtml([...attributes, text].join('\n'));
}

const RAM_ROLE_CONFIG = JSON.stringify({
  current: 'role',
  profiles: [
    { name: 'role', mode: 'RamRoleArn', access_key_id: 'LTAI5tExample1234', access_key_secret: 'x'.repeat(30) },
  ],
});

const snapshot = (polledAt: number, status: 2 | 3, note?: string): TicketSnapshot => ({
  polledAt,
  tickets: {
    '0005PYGCW': {
      title: 'Disk full',
      status,
      lastSupportNote: note ? { dialogId: note, excerpt: 'Please send the logs' } : null,
    },
  },
});

describe('New Ticket, the watcher and sign-in in Chinese and English', () => {
  afterEach(() => resetL10n());

  it('the New Ticket form’s HTML and the strings its script shows are Chinese under zh-cn, English by default', () => {
    const english = renderNewTicketHtml(RESOURCES, { isMac: false });
    assert.match(english, /<html lang="en">/);
    assert.match(pageText(english), /New support ticket/);
    assert.match(pageText(english), /Urgent \(a production service is down\)/);
    assert.strictEqual(formStrings().productsFailed, 'Products could not be loaded: {0}');

    useChinese();
    const chinese = renderNewTicketHtml(RESOURCES, { isMac: false });
    assert.match(chinese, /<html lang="zh-cn">/);
    const text = pageText(chinese);
    for (const expected of [
      '新建工单',
      '产品',
      '问题分类',
      '紧急程度',
      '紧急（生产业务已中断）',
      '普通',
      '搜索产品',
      '提交',
    ])
      assert.ok(text.includes(expected), `the form shows ${expected}`);
    // No English sentence is left: English function words do not occur in the page's text.
    assert.deepStrictEqual(text.match(/\b(the|a|an|and|of|to|is|for|until|products?)\b/gi), null);
    // The strings the page script sets: in the HTML, read back field by field, placeholders kept for the page.
    const embedded = /data-strings="([^"]*)"/.exec(chinese)?.[1] ?? '';
    const strings = parseFormStrings(JSON.parse(unescapeHtml(embedded)));
    assert.strictEqual(formatMessage(strings.productsFailed, '网络错误'), '无法加载产品：网络错误');
    assert.strictEqual(formatMessage(strings.uploading, 'log.txt', 40), '正在上传 log.txt：40%');
    assert.strictEqual(strings.submit, '提交');
    for (const key of FORM_STRING_KEYS)
      assert.ok(/[\u4e00-\u9fff]/.test(strings[key]) || key === 'attachmentSize', key);
  });

  it('the page’s strings are read field by field: a missing or odd field shows empty, unknown fields are dropped', () => {
    const strings = parseFormStrings({ submit: 'Senden', remove: 42, extra: '<b>x</b>' });
    assert.strictEqual(strings.submit, 'Senden');
    assert.strictEqual(strings.remove, '');
    assert.deepStrictEqual(Object.keys(strings).sort(), [...FORM_STRING_KEYS].sort());
    assert.strictEqual(parseFormStrings(undefined).sending, '');
  });

  it('checks on the draft and the prefill text follow the display language', () => {
    const english = checkDraft(EMPTY_DRAFT).map((p) => p.message);
    assert.deepStrictEqual(english, [
      'Choose the product the problem is about, then a category.',
      'Describe the problem: the description is required.',
    ]);
    useChinese();
    assert.deepStrictEqual(
      checkDraft({ ...EMPTY_DRAFT, productId: 'ecs', email: 'not-mail' }).map((p) => p.message),
      [
        '请选择问题分类：技术支持依据它分派工单。',
        '请描述问题：问题描述为必填项。',
        '这看起来不像邮箱地址；服务器将对其进行校验。',
      ],
    );
    const prefill = requestIdPrefill('C499BB0F-630D-5BE6-B3EA-5FCD95B85503', {
      line: 'failed C499BB0F-630D-5BE6-B3EA-5FCD95B85503',
      relativePath: 'app.log',
      lineNumber: 7,
    });
    assert.strictEqual(prefill.title, '请求 C499BB0F-630D-5BE6-B3EA-5FCD95B85503 失败');
    assert.match(prefill.description, /^阿里云 RequestId：C499BB0F/);
    assert.match(prefill.description, /出现位置（app\.log，第 7 行）：/);
    const selection = selectionPrefill({ text: 'x', relativePath: 'src/a.ts', startLine: 3, endLine: 5 });
    assert.match(selection.description, /^来自 src\/a\.ts，第 3-5 行：/);
  });

  it('the watcher’s “support answered” notification is Chinese under zh-cn, with a Chinese full stop', () => {
    const before = snapshot(1, 2, 'n1');
    const after = snapshot(2, 3, 'n2');
    assert.deepStrictEqual(
      diffSnapshots(before, after).map((a) => a.message),
      ['Support is waiting for your feedback on ticket 0005PYGCW “Disk full”: “Please send the logs”.'],
    );
    useChinese();
    assert.deepStrictEqual(
      diffSnapshots(before, after).map((a) => a.message),
      ['技术支持正在等待您对工单 0005PYGCW“Disk full”的反馈：“Please send the logs”。'],
    );
    assert.deepStrictEqual(
      diffSnapshots(snapshot(1, 2, 'n1'), snapshot(2, 2, 'n2')).map((a) => a.message),
      ['技术支持在工单 0005PYGCW“Disk full”中添加了回复：“Please send the logs”。'],
    );
  });

  it('sign-in: prompts’ checks, sites, account names and the CLI profile explanation are Chinese under zh-cn', () => {
    const key = accountLabel({ kind: 'accessKey', accessKeyId: 'STS.NUEmuStsKey4xGm8Pq2VbT7', accessKeySecret: 'x' });
    assert.strictEqual(validateAccessKeyIdInput('LTAI 1'), 'An AccessKey ID has no spaces.');
    assert.strictEqual(siteLabel(SITES[1]), 'International site (alibabacloud.com)');
    assert.strictEqual(
      accountDisplayName({ label: key }, shortSiteName(SITES[2].endpoint)),
      'Temporary AccessKey …VbT7 · Japan',
    );
    assert.match(listCliProfiles(RAM_ROLE_CONFIG)[0].unusable ?? '', /^It assumes a RAM role through STS/);

    useChinese();
    assert.strictEqual(validateAccessKeyIdInput('LTAI 1'), 'AccessKey ID 不含空格。');
    assert.strictEqual(validateSecretInput(''), '请输入此 AccessKey ID 对应的 AccessKey Secret。');
    assert.deepStrictEqual(SITES.map(siteLabel), [
      '中国站（aliyun.com）',
      '国际站（alibabacloud.com）',
      '日本站（alibabacloud.com/ja）',
    ]);
    assert.strictEqual(shortSiteName('https://workorder.ap-southeast-1.aliyuncs.com'), '国际站');
    // The stored label (the account's identity) does not change with the language; what the user reads does.
    assert.strictEqual(accountLabel({ kind: 'environment' }), 'Environment credentials');
    assert.strictEqual(accountLabelText('Environment credentials'), '环境变量凭证');
    assert.strictEqual(accountLabelText('aliyun CLI profile "work"'), 'aliyun CLI 配置“work”');
    assert.strictEqual(
      accountDisplayName({ label: key }, shortSiteName(SITES[2].endpoint)),
      '临时 AccessKey …VbT7 · 日本站',
    );
    const why = listCliProfiles(RAM_ROLE_CONFIG)[0].unusable ?? '';
    assert.match(why, /^该配置使用自身的 AccessKey 通过 STS（AssumeRole）扮演 RAM 角色；本扩展不调用 STS。请使用/);
  });

  it('credentials that went away: the user reads the sentence in Chinese, the log keeps it in English', async () => {
    const clients = new ClientProvider({
      createClient: (options) => new TicketClient(options),
      readSession: async () => ({ accountId: 'a', signIn: { kind: 'environment' } }),
      settings: () => ({ endpoint: 'https://workorder.aliyuncs.com', signatureVersion: 'v3' }),
      sources: createExternalCredentialSources({}),
      onRequest: () => undefined,
    });
    const error = await clients.credentialsFor({ kind: 'environment' }).then(
      () => assert.fail('no environment credentials, yet no error'),
      (e: unknown) => e,
    );
    useChinese();
    assert.strictEqual(
      errorText(error),
      '环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET 已不存在。请重新登录。',
    );
    assert.strictEqual(
      describeError(error),
      'The ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET environment variables are no longer set. Sign in again.',
    );
  });
});
