import * as assert from 'assert';
import type { TicketNote } from '../../../src/api/types';
import { attachmentTarget, openAttachment, type AttachmentOpener } from '../../../src/features/details/attachments';
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
      assert.ok(
        !target.display.includes('?') && !target.display.includes('Signature'),
        `display keeps the query: ${target.display}`,
      );
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
    assert.deepStrictEqual(parsePageMessage({ type: 'openSettings' }), { type: 'openSettings' });
    assert.deepStrictEqual(parsePageMessage({ type: 'openAttachment', note: 2, attachment: 0 }), {
      type: 'openAttachment',
      note: 2,
      attachment: 0,
    });
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

describe('clicking an attachment (page message -> modal question -> browser)', () => {
  // A presigned OSS URL: its query grants access to the file, so only the browser may see it.
  const PRESIGNED =
    'https://bucket.oss-cn-hangzhou.aliyuncs.com/t/log.txt?Expires=1767225600&OSSAccessKeyId=STS.NTestKeyId&Signature=a%2Bb%3D&security-token=CAIS%2Btoken';
  const notes: TicketNote[] = [
    {
      dialogId: 'd1',
      createTime: 1,
      content: 'logs attached',
      userName: 'Support',
      userRole: 2,
      attachments: [
        { name: 'log.txt', url: PRESIGNED },
        { name: 'http one', url: 'http://example.com/a.png' },
        { name: 'script', url: 'javascript:alert(1)' },
      ],
    },
    {
      dialogId: 'd2',
      createTime: 2,
      content: 'spoofed name',
      userName: 'x',
      userRole: 3,
      attachments: [{ name: 'invoice.pdf\u202e\nfdp.exe', url: 'https://evil.example/invoice' }],
    },
  ];

  /** Records what the user was asked and what went to the browser; answers the question with `answer`. */
  function recorder(answer: boolean): AttachmentOpener & { asked: Array<[string, string]>; opened: string[] } {
    const asked: Array<[string, string]> = [];
    const opened: string[] = [];
    return {
      asked,
      opened,
      confirm: async (message, detail) => {
        asked.push([message, detail]);
        return answer;
      },
      openExternal: async (url) => {
        opened.push(url);
      },
    };
  }

  it('asks first, naming the host and the address without its signed query, and opens the full URL when the user agrees', async () => {
    const opener = recorder(true);
    assert.strictEqual(await openAttachment(notes, 0, 0, opener), 'opened');
    assert.strictEqual(opener.asked.length, 1);
    assert.match(opener.asked[0][0], /goes to bucket\.oss-cn-hangzhou\.aliyuncs\.com\./);
    assert.strictEqual(opener.asked[0][1], 'log.txt\n\nhttps://bucket.oss-cn-hangzhou.aliyuncs.com/t/log.txt');
    const question = opener.asked[0].join('\n');
    for (const secret of [
      'Expires',
      'OSSAccessKeyId',
      'STS.NTestKeyId',
      'Signature',
      'a%2Bb',
      'security-token',
      'CAIS',
    ]) {
      assert.ok(!question.includes(secret), `the question shows ${secret}`);
    }
    assert.deepStrictEqual(opener.opened, [PRESIGNED]);
  });

  it('opens nothing when the user says no', async () => {
    const opener = recorder(false);
    assert.strictEqual(await openAttachment(notes, 0, 0, opener), 'declined');
    assert.strictEqual(opener.asked.length, 1);
    assert.deepStrictEqual(opener.opened, []);
  });

  it('neither asks nor opens for http, javascript: or an index that points at nothing', async () => {
    for (const [note, attachment] of [
      [0, 1],
      [0, 2],
      [0, 3],
      [2, 0],
      [1, 5],
    ]) {
      const opener = recorder(true);
      assert.strictEqual(
        await openAttachment(notes, note, attachment, opener),
        'notALink',
        `note ${note} attachment ${attachment}`,
      );
      assert.deepStrictEqual(opener.asked, []);
      assert.deepStrictEqual(opener.opened, []);
    }
  });

  it('opens the URL byte for byte as the API gave it, where a URL parser would rewrite it', async () => {
    // Upper-case host, the default port, a quote and escapes of +, & and # that a parser and re-encoder would change.
    const given = "https://Bucket.OSS-cn-hangzhou.aliyuncs.com:443/t/a%2Fb.txt?x='1'&Signature=a%2Bb%26c%23d%3D";
    const opener = recorder(true);
    const withGiven: TicketNote[] = [{ ...notes[0], attachments: [{ name: 'a.txt', url: given }] }];
    assert.strictEqual(await openAttachment(withGiven, 0, 0, opener), 'opened');
    assert.deepStrictEqual(opener.opened, [given]);
  });

  it('shows a name with bidi overrides and line breaks as one plain line in the question', async () => {
    const opener = recorder(false);
    await openAttachment(notes, 1, 0, opener);
    const [name] = opener.asked[0][1].split('\n\n');
    assert.strictEqual(name, 'invoice.pdf fdp.exe');
  });
});
