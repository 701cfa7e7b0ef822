// The ticket panel speaks the display language: under zh-cn (the real bundle) every word of ours in the rendered
// document, its page strings, the error view and the acting notices (error sentences included) is Chinese, status and severity are our own names
// for their values, ages are Chinese; in English (the default) the same renders are English. The page script itself
// carries none of the texts the extension translates.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Ticket, TicketNote } from '../../../src/api/types';
import { resetL10n } from '../../../src/common/l10n';
import { attachmentTarget } from '../../../src/features/details/attachments';
import { DraftStore } from '../../../src/features/details/draftStore';
import { pageStrings } from '../../../src/features/details/pageStrings';
import { PAGE_STRING_KEYS, parsePageStrings } from '../../../src/features/details/protocol';
import { errorView, renderTicketHtml } from '../../../src/features/details/render';
import { actingPartMessage } from '../../../src/features/details/actingHtml';
import type { PageResources } from '../../../src/common/pageAssets';
import { TicketActing } from '../../../src/features/details/ticketActing';
import { TicketApiError } from '../../../src/api/errors';
import { repoRoot } from '../manifest';
import { useLanguage } from '../l10nBundle';
import { MemoryAccountScope } from '../../../src/common/accountScope';
import { FIXTURE_NOW, note, PAGE_RESOURCES, ticket } from '../../fixtures/tickets';
import { unescapeHtml } from '../../fixtures/html';

const RESOURCES: PageResources = PAGE_RESOURCES;
const NOW = FIXTURE_NOW;
/**
 * Ticket text in Chinese, as a Chinese account's ticket comes: shown as it is. The server's status and severity labels
 * are in the account's language (the fixture's English): the panel does not show them.
 */
const TICKET: Ticket = ticket({ title: '云服务器无法连接数据库', description: '第一行\n第二行' });
const NOTES: TicketNote[] = [
  note({
    content: '请提供实例编号。',
    userName: '阿里云技术支持',
    unread: true,
    attachments: [{ name: '截图一', url: 'https://oss.example.com/a' }],
  }),
  note({ dialogId: 'd2', createTime: NOW - 60_000, content: '好的', userName: '张三', userRole: 3 }),
];
/** Latin words a Chinese screen rightly has: keys and names the console shows in Latin letters too. */
const LATIN_IN_CHINESE = new Set(['Ctrl', 'Enter', 'MB', 'RequestId', 'https']);

/** What a person meets in a document: the text between tags, tooltips, aria-labels, placeholders. */
function readerText(html: string): string[] {
  const parts: string[] = [];
  const withoutHead = html.replace(/<!DOCTYPE[^>]*>/i, '').replace(/<script[\s\S]*?<\/script>/gi, '');
  for (const tag of withoutHead.matchAll(/<[^>]+>/g)) {
    for (const attr of tag[0].matchAll(/\s(title|aria-label|placeholder)="([^"]*)"/g))
      parts.push(unescapeHtml(attr[2]));
  }
  parts.push(...withoutHead.split(/<[^>]+>/).map(unescapeHtml));
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** Latin words in `texts` that are not the ticket's own (its id, an attachment's host) nor LATIN_IN_CHINESE. */
function englishWords(texts: string[]): string[] {
  const words = texts.flatMap(
    (text) =>
      text
        .replace(/0005PYGCW|oss\.example\.com/g, '')
        .match(/[A-Za-z]{2,}/g)
        ?.map((word) => `${word} (in "${text}")`) ?? [],
  );
  return words.filter((word) => !LATIN_IN_CHINESE.has(word.split(' ')[0]));
}

function ticketHtml(): string {
  return renderTicketHtml({ kind: 'ticket', ticket: TICKET, notes: NOTES, newNotes: new Set(['d1']) }, RESOURCES, {
    now: NOW,
    timeZone: 'UTC',
  });
}

/** What a person meets on the page: the document's text, then the acting part's and the words its script shows. */
function ticketPageText(): string[] {
  const part = actingPartMessage();
  return [...readerText(ticketHtml()), ...readerText(part.html), ...Object.values(part.strings)];
}

function errorHtml(): string {
  const error = new TicketApiError({
    code: 'Forbidden.RAM',
    kind: 'permission',
    message: 'not allowed',
    requestId: 'REQ-1',
    accessDeniedDetail: { AuthAction: 'workorder:ListTickets', PolicyType: 'AccountLevelIdentityBasedPolicy' },
  });
  return renderTicketHtml(errorView('0005PYGCW', error), RESOURCES);
}

describe('details panel: the display language', () => {
  afterEach(() => resetL10n());

  it('renders the ticket, its conversation, the reply box and the page strings in Chinese under zh-cn', () => {
    useLanguage('zh-cn');
    assert.match(ticketHtml(), /<html lang="zh-cn">/);
    const texts = ticketPageText();
    assert.deepStrictEqual(englishWords(texts), [], 'English words on a Chinese screen');
    for (const expected of [
      '待您反馈', // status by its value, not the server's English label
      '紧急',
      '（3小时前）',
      '沟通记录',
      '技术支持有 1 条新回复',
      '发送回复',
      '关闭工单…',
      '机密信息（加密传输，适用于密码、密钥和个人数据）',
      '请输入回复内容。按 Ctrl+Enter（⌘+Enter）发送。',
      '问题是否已解决？',
      '正在发送…',
      '请选择问题是否已解决。',
    ])
      assert.ok(texts.includes(expected), `"${expected}" missing from ${JSON.stringify(texts)}`);
    // Ticket text is shown as it comes.
    assert.ok(texts.includes('云服务器无法连接数据库') && texts.includes('请提供实例编号。'));
  });

  it('renders the same ticket in English by default', () => {
    const texts = ticketPageText();
    assert.match(ticketHtml(), /<html lang="en">/);
    for (const expected of [
      'Waiting for your feedback',
      'Urgent',
      '(3 hours ago)',
      'Conversation',
      '1 new answer from support',
      'Send Reply',
      'Sending…',
      'Say whether the problem was solved.',
    ])
      assert.ok(texts.includes(expected), `"${expected}" missing`);
    assert.ok(
      !texts.some((text) => /[\u4e00-\u9fff]/.test(text) && !/云服务器|第一行|请提供|阿里云|张三|截图|好的/.test(text)),
    );
  });

  it('renders the error view (buttons, RequestId, who was denied what) in Chinese under zh-cn', () => {
    useLanguage('zh-cn');
    const texts = readerText(errorHtml());
    assert.deepStrictEqual(
      englishWords(texts).filter(
        (word) =>
          !/^(ListTickets|workorder|AccountLevelIdentityBasedPolicy|REQ|API|RAM|AliyunSupportFullAccess) /.test(word),
      ),
      [],
    );
    for (const expected of [
      '工单 0005PYGCW',
      '您没有使用工单 API 的权限', // the error sentence: errorText
      '被拒绝的操作',
      '策略类型',
      '显示日志',
      'RequestId（联系技术支持时请提供）：',
    ])
      assert.ok(
        texts.some((text) => text.startsWith(expected)),
        `"${expected}" missing from ${JSON.stringify(texts)}`,
      );
    resetL10n();
    assert.ok(readerText(errorHtml()).includes('Denied action'));
  });

  it('gives the page every string it needs, checked field by field', () => {
    useLanguage('zh-cn');
    const strings = parsePageStrings(JSON.parse(JSON.stringify(pageStrings())));
    for (const key of PAGE_STRING_KEYS) assert.match(strings[key], /[\u4e00-\u9fff]/, `${key}: ${strings[key]}`);
    // A damaged field shows as its key, never as an English copy from the page.
    assert.deepStrictEqual(
      parsePageStrings({ ...pageStrings(), remove: 42, sending: 'x'.repeat(2000) }).remove,
      'remove',
    );
    assert.strictEqual(parsePageStrings(undefined).sendReply, 'sendReply');
  });

  it('the bundled page script carries no English copy of the texts the extension translates', () => {
    const script = fs.readFileSync(path.join(repoRoot, 'media', 'details.js'), 'utf8');
    const english = Object.values(pageStrings()).filter((text) => text.includes(' '));
    assert.ok(english.length > 8);
    for (const text of [...english, 'Confidential', 'Was the problem solved?', 'Send Reply'])
      assert.ok(!script.includes(text), `media/details.js contains "${text}"`);
  });

  it('says why an attachment is not a link, and the acting notices, in Chinese under zh-cn', async () => {
    useLanguage('zh-cn');
    assert.deepStrictEqual(attachmentTarget('http://oss.example.com/a'), {
      clickable: false,
      reason: '只能打开 https 链接',
    });
    const unused = () => Promise.reject(new Error('no write is expected'));
    const acting = new TicketActing({
      ticketId: '0005PYGCW',
      writes: {
        reply: unused,
        close: () => Promise.reject(new TicketApiError({ code: 'Throttling', kind: 'throttled', message: 'x' })),
        reopen: unused,
        rate: unused,
        upload: unused,
        findReply: unused,
      },
      drafts: new DraftStore(() => undefined).forScope(new MemoryAccountScope()),
      post: () => true,
      reload: () => Promise.resolve(),
      confirmClose: () => Promise.resolve(true),
      pickFiles: () => Promise.resolve([]),
      askAboutSecrets: () => assert.fail('nothing here holds credentials'),
    });
    acting.setTicket({ status: { value: 3, label: '' } });
    acting.handle({ type: 'send', draft: { text: '   ', encrypt: false } });
    assert.deepStrictEqual(acting.state().notice, { kind: 'error', text: '请先输入回复内容再发送。' });
    acting.handle({ type: 'reopen', reason: '' });
    assert.deepStrictEqual(acting.state().notice, {
      kind: 'error',
      text: '请说明重新打开工单的原因：该原因将发送给技术支持。',
    });
    await acting.attach('huge.bin', 30 * 1024 * 1024, unused);
    assert.strictEqual(acting.state().attachments[0].error, '30.0 MB 过大：附件不能超过 20 MB。');
    acting.handle({ type: 'closeTicket' });
    for (let i = 0; i < 100 && !acting.state().notice; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepStrictEqual(acting.state().notice, {
      kind: 'error',
      text: '工单未关闭：工单 API 正在限制调用频率（流控）：请等待一分钟后重试。',
    });
  });
});
