// The details panel's HTML: every server string shows as text (escaped), the page runs under a strict CSP, and the
// pieces a user reads (badges, times, who said what, attachments) are there.
import * as assert from 'assert';
import { TicketApiError } from '../../../src/api/errors';
import {
  errorView,
  escapeHtml,
  renderTicketBody,
  renderTicketHtml,
  type DetailsView,
} from '../../../src/features/details/render';
import { AFTER_PAINT_LOADER, createNonce, type PageResources } from '../../../src/common/pageAssets';
import { parsePageMessage } from '../../../src/features/details/protocol';
import { firstTabTitle, viewAfterLoad } from '../../../src/features/details/loadedView';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-strings';
import { FIXTURE_NOW, note, PAGE_RESOURCES, ticket } from '../../fixtures/tickets';
import { unescapeHtml } from '../../fixtures/html';
import { formatMessage, resetL10n, setL10n } from '../../../src/common/l10n';

const RESOURCES: PageResources = PAGE_RESOURCES;
const NOW = FIXTURE_NOW;

/** Tags and attributes the template itself writes; anything else in the output came from server text. */
const ALLOWED_TAGS = new Set([
  '!doctype',
  'html',
  'head',
  'meta',
  'link',
  'title',
  'body',
  'main',
  'script',
  'header',
  'div',
  'h1',
  'h2',
  'button',
  'span',
  'bdi',
  'dl',
  'dt',
  'dd',
  'time',
  'section',
  'p',
  'ol',
  'ul',
  'li',
  'a',
  'code',
  // The reply box and ticket forms below the conversation (actingHtml.ts: static, no server text).
  'form',
  'label',
  'textarea',
  'input',
  'fieldset',
  'legend',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'lang',
  'charset',
  'http-equiv',
  'content',
  'name',
  'rel',
  'href',
  'src',
  'data-src',
  'nonce',
  'class',
  'id',
  'type',
  'title',
  'data-action',
  'data-note',
  'data-note-id',
  'data-attachment',
  'data-ticket-id',
  'data-strings',
  'datetime',
  'role',
  'aria-live',
  'disabled',
  'html',
  'aria-label',
  'hidden',
  'for',
  'rows',
  'placeholder',
  'value',
  'data-cancel',
]);

interface Tag {
  name: string;
  attributes: Array<[string, string]>;
  raw: string;
}

/** Every tag in the document, with its attributes (values are always double-quoted by the template). */
function tags(html: string): Tag[] {
  const found: Tag[] = [];
  for (const match of html.matchAll(/<\s*(\/?)([!a-zA-Z][^\s/>]*)([^>]*)>/g)) {
    if (match[1]) continue;
    const attributes: Array<[string, string]> = [];
    for (const attr of match[3].matchAll(/([^\s=]+)(?:="([^"]*)")?/g))
      attributes.push([attr[1].toLowerCase(), attr[2] ?? '']);
    found.push({ name: match[2].toLowerCase(), attributes, raw: match[0] });
  }
  return found;
}

function assertOnlyOurMarkup(html: string): void {
  for (const tag of tags(html)) {
    assert.ok(ALLOWED_TAGS.has(tag.name), `unexpected tag <${tag.name}> in ${tag.raw.slice(0, 120)}`);
    for (const [name] of tag.attributes) {
      if (tag.name === '!doctype') continue;
      assert.ok(ALLOWED_ATTRIBUTES.has(name), `unexpected attribute ${name} in ${tag.raw.slice(0, 120)}`);
      assert.ok(!name.startsWith('on'), `event handler attribute in ${tag.raw.slice(0, 120)}`);
    }
  }
}

describe('details panel HTML', () => {
  it('escapes the five HTML-significant characters and the backtick', () => {
    assert.strictEqual(
      escapeHtml(`<a href="x" onclick='y'>&\``),
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
    assert.strictEqual(escapeHtml(undefined), '');
  });

  it('shows every hostile string as text in every field and adds no markup of its own', () => {
    assert.ok(HOSTILE_STRINGS.length >= 50, 'the corpus has at least 50 strings');
    for (const { label, value } of HOSTILE_STRINGS) {
      const view: DetailsView = {
        kind: 'ticket',
        ticket: ticket({
          title: value,
          description: value,
          creatorId: value,
          categoryId: value,
          status: { value: 1, label: value },
          severity: { value: 1, label: value },
        }),
        notes: [
          note({
            content: value,
            userName: value,
            attachments: [
              { name: value, url: value },
              { name: value, url: `https://oss.example.com/a?x=${value}` },
            ],
          }),
        ],
      };
      const html = renderTicketHtml(view, RESOURCES, { now: NOW, timeZone: 'UTC' });
      try {
        assertOnlyOurMarkup(html);
      } catch (error) {
        assert.fail(`[${label}] ${(error as Error).message}`);
      }
      // The title comes back unchanged when the escaping is undone: nothing lost, nothing interpreted.
      const title = /<h1 class="title"><bdi>([\s\S]*?)<\/bdi><\/h1>/.exec(html);
      assert.ok(title, `[${label}] title element present`);
      assert.strictEqual(unescapeHtml(title[1]), value || '(no title)', `[${label}] title text intact`);
      const body = /<div class="note-body text">([\s\S]*?)<\/div>/.exec(html);
      assert.strictEqual(unescapeHtml(body![1]), value, `[${label}] note text intact`);
      assert.strictEqual((html.match(/<script/gi) ?? []).length, 1, `[${label}] only our script tag`);
    }
  });

  it('escapes server strings in the error view too (message, AccessDeniedDetail, RequestId)', () => {
    for (const { label, value } of HOSTILE_STRINGS) {
      const html = renderTicketHtml(
        {
          kind: 'error',
          ticketId: '0005PYGCW',
          message: value,
          actions: ['signIn', 'showDetails'],
          requestId: value,
          accessDenied: {
            AuthAction: value,
            AuthPrincipalDisplayName: value,
            NoPermissionType: value,
            PolicyType: value,
            AuthPrincipalType: value,
          },
        },
        RESOURCES,
      );
      try {
        assertOnlyOurMarkup(html);
      } catch (error) {
        assert.fail(`[${label}] ${(error as Error).message}`);
      }
    }
  });

  it('has a strict CSP: nothing by default, scripts only by nonce, styles by nonce or from the extension, images from the extension', () => {
    const html = renderTicketHtml({ kind: 'ticket', ticket: ticket(), notes: [note()] }, RESOURCES, { now: NOW });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(csp, 'CSP meta tag present');
    const policy = unescapeHtml(csp[1]);
    const directives = new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    assert.deepStrictEqual(directives.get('default-src'), ["'none'"]);
    assert.deepStrictEqual(directives.get('script-src'), [`'nonce-${RESOURCES.nonce}'`]);
    assert.deepStrictEqual(directives.get('style-src'), [RESOURCES.cspSource, `'nonce-${RESOURCES.nonce}'`]);
    assert.deepStrictEqual(directives.get('img-src'), [RESOURCES.cspSource]);
    assert.ok(!policy.includes('unsafe-inline') && !policy.includes('unsafe-eval'), 'no unsafe-* sources');
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'the CSP comes before any resource');

    const scripts = tags(html).filter((t) => t.name === 'script');
    assert.strictEqual(scripts.length, 1);
    for (const script of scripts) {
      assert.deepStrictEqual(
        Object.fromEntries(script.attributes),
        { nonce: RESOURCES.nonce, 'data-src': RESOURCES.scriptUri },
        'the script has the nonce and loads the page script from the extension after the first paint',
      );
    }
    assert.ok(html.includes(`>${AFTER_PAINT_LOADER}</script>`), 'its body is the loader');
    assert.ok(!/<script[^>]*>[^<]+<\/script>/.test(html.replace(AFTER_PAINT_LOADER, '')), 'no other script body');
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
    assert.ok(!/\sstyle=/i.test(html), 'no inline styles (the CSP would block them anyway)');
  });

  it('makes nonces that cannot be guessed: 18 random bytes, never the same twice', () => {
    const nonces = Array.from({ length: 200 }, () => createNonce());
    assert.strictEqual(new Set(nonces).size, nonces.length, 'all different');
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9+/]{24}$/, 'base64 of 18 bytes, valid in a CSP nonce source');
    }
    // Every bit position varies across 200 draws (a counter or timestamp would leave the high bits fixed).
    const bytes = nonces.map((n) => Buffer.from(n, 'base64'));
    for (let bit = 0; bit < 18 * 8; bit++) {
      const ones = bytes.filter((b) => (b[bit >> 3] >> (bit & 7)) & 1).length;
      assert.ok(ones > 0 && ones < bytes.length, `bit ${bit} never changes`);
    }
  });

  it('uses a different nonce for each document it is given', () => {
    const a = renderTicketHtml({ kind: 'loading', ticketId: '0005PYGCW' }, { ...RESOURCES, nonce: 'AAAA' });
    const b = renderTicketHtml({ kind: 'loading', ticketId: '0005PYGCW' }, { ...RESOURCES, nonce: 'BBBB' });
    assert.ok(unescapeHtml(a).includes("'nonce-AAAA'") && a.includes('nonce="AAAA"'));
    assert.ok(unescapeHtml(b).includes("'nonce-BBBB'") && !b.includes('AAAA'));
  });

  it('shows title, id, status and severity badges, local and relative creation time, creator and category', () => {
    const body = renderTicketBody({ kind: 'ticket', ticket: ticket(), notes: [] }, { now: NOW, timeZone: 'UTC' });
    assert.match(body, /<h1 class="title"><bdi>ECS instance cannot reach RDS<\/bdi><\/h1>/);
    assert.match(body, /<span class="badge ticket-id"[^>]*>0005PYGCW<\/span>/);
    assert.match(body, /<span class="badge status-wait_feedback"[^>]*>Waiting for your feedback<\/span>/);
    assert.match(body, /<span class="badge severity-urgent"[^>]*>Urgent<\/span>/);
    assert.match(
      body,
      /<time datetime="2026-11-27T09:00:00.000Z">2026-11-27 09:00<\/time> <span class="muted">\(3 hours ago\)<\/span>/,
    );
    assert.match(body, /<dt>Creator<\/dt><dd><bdi>1135850448<\/bdi><\/dd>/);
    assert.match(body, /<dt>Category<\/dt><dd>Category <bdi>1234<\/bdi><\/dd>/, 'a category not named yet, in words');
    assert.match(
      body,
      /<div class="description text">Line one\nLine two<\/div>/,
      'description kept as text with its line breaks',
    );
    assert.match(body, /data-action="refresh"/, 'a Refresh button');
  });

  it('names the category by its name alone, or in words while the catalogue cannot name it: never a bare number', () => {
    const category = (view: Partial<Extract<DetailsView, { kind: 'ticket' }>>, categoryId = '7302') =>
      renderTicketBody({ kind: 'ticket', ticket: ticket({ categoryId }), notes: [], ...view })
        .match(/<dt>Category<\/dt><dd>([\s\S]*?)<\/dd>/)![1]
        .replace(/<[^>]+>/g, '');
    assert.strictEqual(
      category({ categoryName: 'Object Storage Service / Access and permissions' }),
      'Object Storage Service / Access and permissions',
    );
    assert.strictEqual(category({}), 'Category 7302');
    assert.strictEqual(category({}, ''), 'unknown');
    setL10n(
      (message, ...args) => formatMessage(message === 'Category {0}' ? '问题分类 {0}' : message, ...args),
      'zh-cn',
    );
    try {
      assert.strictEqual(category({}), '问题分类 7302');
    } finally {
      resetL10n();
    }
  });

  it('names status and severity in the display language, whatever language the server labels them in', () => {
    for (const [status, severity] of [
      ['', ''],
      ['已完成', '普通'],
    ]) {
      const body = renderTicketBody({
        kind: 'ticket',
        ticket: ticket({ status: { value: 6, label: status }, severity: { value: 1, label: severity } }),
        notes: [],
      });
      assert.match(body, /status-confirmed[^>]*>Completed</);
      assert.match(body, /severity-common[^>]*>Common</);
    }
  });

  it('shows the conversation oldest first with who wrote each message', () => {
    const notes = [
      note({ dialogId: '2', createTime: NOW - 60_000, content: 'Here it is: i-123', userName: 'dev', userRole: 3 }),
      note({
        dialogId: '1',
        createTime: NOW - 7200_000,
        content: 'Which instance?',
        userName: 'Agent Li',
        userRole: 2,
      }),
    ];
    const body = renderTicketBody({ kind: 'ticket', ticket: ticket(), notes }, { now: NOW, timeZone: 'UTC' });
    const agentAt = body.indexOf('Which instance?');
    const youAt = body.indexOf('Here it is: i-123');
    assert.ok(agentAt > 0 && youAt > agentAt, 'older message first');
    assert.match(
      body,
      /<li class="note agent" data-note-id="[^"]*">[\s\S]*?Support agent<\/span> <span class="who-name"><bdi>Agent Li<\/bdi>/,
    );
    assert.match(
      body,
      /<li class="note you" data-note-id="[^"]*">[\s\S]*?>You<\/span> <span class="who-name"><bdi>dev<\/bdi>/,
    );
    assert.match(body, /2 hours ago/);
  });

  it('marks the replies the user sent as Confidential, and only those', () => {
    const notes = [
      note({ dialogId: 'd-secret', content: 'The password is in here', userRole: 3 }),
      note({ dialogId: 'd-plain', content: 'Any news?', userRole: 3 }),
    ];
    const sentConfidential = { isConfidential: (id: string) => id === 'd-secret' };
    const { view } = viewAfterLoad(ticket(), { status: 'fulfilled', value: notes }, undefined, [], {
      sentConfidential,
    });
    const body = renderTicketBody(view, { now: NOW, timeZone: 'UTC' });
    const marked = [...body.matchAll(/data-note-id="([^"]+)">\n<div class="note-head">[^\n]*badge confidential/g)];
    assert.deepStrictEqual(
      marked.map((m) => m[1]),
      ['d-secret'],
    );
    assert.match(body, /title="You sent this reply as Confidential \(encrypted\)\.">Confidential<\/span>/);
  });

  it('makes only https attachments clickable, pointing at the note and attachment by index', () => {
    const notes = [
      note({
        attachments: [
          {
            name: 'log.txt',
            url: 'https://oss.example.com/log.txt?Expires=1767225600&OSSAccessKeyId=LTAI5tTestKeyId&Signature=abc%3D&security-token=CAIStoken',
          },
          { name: 'evil', url: 'javascript:alert(1)' },
          { name: 'plain', url: 'http://example.com/a.png' },
        ],
      }),
    ];
    const body = renderTicketBody({ kind: 'ticket', ticket: ticket(), notes });
    assert.match(
      body,
      /<a href="#" data-action="openAttachment" data-note="0" data-attachment="0" title="Opens https:\/\/oss.example.com\/log.txt"><bdi>log.txt<\/bdi><\/a> <span class="muted">\(oss.example.com\)<\/span>/,
    );
    assert.strictEqual((body.match(/<a /g) ?? []).length, 1, 'one link only');
    // The signed query of a presigned URL grants access to the file: it never reaches the page.
    for (const secret of [
      '?Expires',
      'OSSAccessKeyId',
      'LTAI5tTestKeyId',
      'Signature',
      'abc%3D',
      'security-token',
      'CAIStoken',
    ]) {
      assert.ok(!body.includes(secret), `the page shows ${secret}`);
    }
    assert.match(
      body,
      /<li class="attachment plain"><bdi>evil<\/bdi> <span class="muted">\(only https links open\)<\/span>/,
    );
    assert.match(body, /<li class="attachment plain"><bdi>plain<\/bdi>/);
    assert.ok(!body.includes('javascript:'), 'the javascript: URL is not written at all');
  });

  it('loading and error states: a message, Retry, and Sign In only when signing in helps', () => {
    assert.match(renderTicketBody({ kind: 'loading', ticketId: '0005PYGCW' }), /Loading ticket 0005PYGCW/);
    const signedOut = renderTicketBody({
      kind: 'error',
      ticketId: '0005PYGCW',
      message: 'You are not signed in.',
      actions: ['signIn', 'showDetails'],
    });
    // Sign In is the primary (first, not secondary) button; Retry would only repeat the refusal (signing in reloads).
    assert.match(signedOut, /<div class="actions"><button type="button" data-action="signIn">Sign In<\/button>/);
    assert.ok(!signedOut.includes('data-action="retry"'));
    const throttled = renderTicketBody({
      kind: 'error',
      ticketId: '0005PYGCW',
      message: 'Wait 5 seconds.',
      actions: ['retry', 'showDetails'],
      requestId: 'REQ-1',
    });
    assert.ok(!throttled.includes('data-action="signIn"'));
    assert.ok(!throttled.includes('data-action="openSettings"'));
    const badEndpoint = renderTicketBody({
      kind: 'error',
      ticketId: '0005PYGCW',
      message: 'Refused.',
      actions: ['openSettings', 'retry', 'showDetails'],
    });
    assert.match(
      badEndpoint,
      /<div class="actions"><button type="button" data-action="openSettings">Open Settings<\/button><button type="button" class="secondary" data-action="retry">/,
    );
    assert.match(throttled, /<div class="actions"><button type="button" data-action="retry">Retry<\/button>/);
    assert.match(throttled, /RequestId \(quote it to support\): <code>REQ-1<\/code>/);
  });

  it('a ticket that does not exist offers Open Another Ticket first, Retry second, and no RequestId to quote', () => {
    const missing = new TicketApiError({
      code: 'IllegalParam.TicketId',
      kind: 'notFound',
      message: 'x',
      httpStatus: 400,
      requestId: 'REQ-404',
    });
    const view = errorView('ZZZZ99999', missing);
    const body = renderTicketBody(view);
    assert.match(body, /That ticket was not found/);
    assert.match(
      body,
      /<div class="actions"><button type="button" data-action="openTicket">Open Another Ticket<\/button><button type="button" class="secondary" data-action="retry">Retry<\/button><button type="button" class="secondary" data-action="showLog">/,
    );
    assert.ok(!body.includes('RequestId') && !body.includes('REQ-404'), 'no RequestId for a typo');
    assert.ok(!body.includes('data-action="signIn"') && !body.includes('data-action="openSettings"'));
    assert.deepStrictEqual(parsePageMessage({ type: 'openTicket' }), { type: 'openTicket' });

    // Other kinds keep their buttons, and the RequestId where support can use it.
    const throttled = renderTicketBody(
      errorView(
        '0005PYGCW',
        new TicketApiError({ code: 'Throttling', kind: 'throttled', message: 'x', requestId: 'REQ-1' }),
      ),
    );
    assert.match(throttled, /<div class="actions"><button type="button" data-action="retry">Retry<\/button>/);
    assert.match(throttled, /RequestId \(quote it to support\): <code>REQ-1<\/code>/);
    assert.ok(!throttled.includes('data-action="openTicket"'));
    const signedOut = renderTicketBody(
      errorView('0005PYGCW', new TicketApiError({ code: 'SignedOut', kind: 'signedOut', message: 'x' })),
    );
    assert.match(signedOut, /<div class="actions"><button type="button" data-action="signIn">Sign In<\/button>/);
    assert.ok(!signedOut.includes('data-action="openTicket"'));
  });

  it('shows who was denied what from AccessDeniedDetail', () => {
    const body = renderTicketBody({
      kind: 'error',
      ticketId: '0005PYGCW',
      message: 'No permission.',
      actions: ['showDetails', 'retry'],
      accessDenied: {
        AuthAction: 'workorder:GetTicket',
        AuthPrincipalDisplayName: 'dev-user',
        NoPermissionType: 'ImplicitDeny',
      },
    });
    assert.match(body, /<dt>Denied action<\/dt><dd><bdi>workorder:GetTicket<\/bdi><\/dd>/);
    assert.match(body, /<dt>Principal<\/dt><dd><bdi>dev-user<\/bdi><\/dd>/);
    assert.match(body, /<dt>Deny type<\/dt><dd><bdi>ImplicitDeny<\/bdi><\/dd>/);
  });

  it('keeps old data visible with a warning when a refresh fails, and says when the conversation failed', () => {
    const body = renderTicketBody({
      kind: 'ticket',
      ticket: ticket(),
      notes: [],
      refreshError: 'Could not reach the Ticket API.',
      notesError: 'Throttled.',
    });
    assert.match(
      body,
      /Could not refresh: <bdi>Could not reach the Ticket API.<\/bdi> Showing what was loaded before./,
    );
    assert.match(body, /The conversation could not be loaded: <bdi>Throttled.<\/bdi>/);
    assert.match(body, /ECS instance cannot reach RDS/);
  });

  it('renders a 100 KB description quickly and whole', () => {
    const long = 'x<y>&'.repeat(20_480);
    const started = Date.now();
    const body = renderTicketBody({ kind: 'ticket', ticket: ticket({ description: long }), notes: [] });
    assert.ok(Date.now() - started < 1000);
    assert.ok(body.includes('x&lt;y&gt;&amp;'.repeat(20_480)));
  });
});

describe('details panel tab title', () => {
  it('is the known ticket’s from the start when its conversation is known too, else the id', () => {
    const ticket = { title: 'Disk\nfull\u202e now' };
    const title = firstTabTitle('0005PYGCW', { ticket, notes: [] });
    assert.strictEqual(title, '0005PYGCW · Disk full now', 'the tab title surface: one line, no hidden characters');
    assert.strictEqual(firstTabTitle('0005PYGCW', { ticket }), '0005PYGCW', 'a title alone paints no conversation');
    assert.strictEqual(firstTabTitle('0005PYGCW', undefined), '0005PYGCW');
  });
});
