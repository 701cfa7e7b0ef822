import * as assert from 'assert';
import { attachmentTarget } from '../../../src/features/details/attachments';
import { parsePageMessage } from '../../../src/features/details/protocol';

describe('attachment link policy', () => {
  const clickable: Array<[string, string]> = [
    ['https://oss-cn-hangzhou.aliyuncs.com/ticket/log.txt?Expires=1&Signature=a%2Bb', 'oss-cn-hangzhou.aliyuncs.com'],
    ['https://example.com/', 'example.com'],
    ['  https://example.com/a b.png'.trim().replace(' ', '%20'), 'example.com'],
  ];
  for (const [url, host] of clickable) {
    it(`opens ${url}`, () => {
      const target = attachmentTarget(url);
      assert.ok(target.clickable, `should be clickable: ${JSON.stringify(target)}`);
      assert.strictEqual(target.host, host);
    });
  }

  const plain: string[] = [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'http://example.com/file.txt',
    'file:///etc/passwd',
    'command:workbench.action.terminal.new',
    'vscode://some.extension/do',
    'ftp://example.com/x',
    '//example.com/x',
    '/relative/path',
    'https://user:pass@example.com/',
    'https://aliyun.com@evil.example/',
    'https://exa\u202emple.com/',
    'https://example.com/\u0000x',
    'https:// example.com',
    'not a url',
    '',
  ];
  for (const url of plain) {
    it(`keeps ${JSON.stringify(url)} as plain text`, () => {
      assert.strictEqual(attachmentTarget(url).clickable, false);
    });
  }

  it('keeps non-strings as plain text', () => {
    assert.strictEqual(attachmentTarget(undefined).clickable, false);
    assert.strictEqual(attachmentTarget(42).clickable, false);
  });
});

describe('messages from the details page', () => {
  it('accepts the known messages', () => {
    assert.deepStrictEqual(parsePageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(parsePageMessage({ type: 'refresh', extra: 1 }), { type: 'refresh' });
    assert.deepStrictEqual(parsePageMessage({ type: 'openAttachment', note: 2, attachment: 0 }), { type: 'openAttachment', note: 2, attachment: 0 });
  });

  it('refuses anything else, including attachment messages carrying a URL instead of indexes', () => {
    for (const raw of [
      undefined,
      null,
      'ready',
      { type: 'eval', code: 'x' },
      { type: 'openAttachment', url: 'https://evil.example' },
      { type: 'openAttachment', note: -1, attachment: 0 },
      { type: 'openAttachment', note: 1.5, attachment: 0 },
      { type: 'openAttachment', note: 'abc', attachment: 0 },
    ]) {
      assert.strictEqual(parsePageMessage(raw), undefined, JSON.stringify(raw));
    }
  });
});
