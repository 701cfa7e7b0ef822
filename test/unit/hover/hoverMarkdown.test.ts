import * as assert from 'assert';
import { Commands } from '../../../src/common/commands';
import type { Ticket } from '../../../src/api/types';
import {
  errorHoverMarkdown,
  signedOutHoverMarkdown,
  ticketHoverMarkdown,
} from '../../../src/features/hover/hoverMarkdown';
import { plainLine } from '../../../src/common/untrustedText';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-strings';
import { ticket as makeTicket } from '../../fixtures/tickets';

// A CommonMark renderer with raw HTML and autolinking switched ON: stricter than VS Code's hover (which drops HTML),
// so anything that stays text here stays text there.
const MarkdownIt = require('markdown-it');
const md = new MarkdownIt({ html: true, linkify: true });

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DAY = 24 * 3600_000;

const ticket = (overrides: Partial<Ticket> = {}): Ticket =>
  makeTicket(
    {
      title: 'ECS instance cannot reach OSS',
      description: 'd',
      createTime: NOW - 3 * DAY,
      creatorId: '1234567890',
      categoryId: '88',
      ...overrides,
    },
    NOW,
  );

function decode(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Links in rendered HTML: [href, text]. */
function links(html: string): Array<[string, string]> {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => [m[1], m[2]]);
}

/** `$(name)` sequences VS Code would turn into icons: not preceded by a backslash. */
function iconSyntax(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\$\(([A-Za-z0-9~-]+)\)/g)].map((m) => m[1]);
}

describe('hover markdown', () => {
  it('shows title, status with its icon, severity, id, relative and absolute creation time, and two command links', () => {
    const content = ticketHoverMarkdown(ticket(), NOW, 'UTC');
    const html = md.render(content.markdown);
    const text = decode(html);
    assert.match(text, /ECS instance cannot reach OSS/);
    assert.match(text, /Waiting for your feedback/);
    assert.match(text, /Severity: Urgent/);
    assert.match(text, /0005PYGCW/);
    assert.match(text, /Created 3 days ago \(2026-11-24 12:00\)/);
    assert.deepStrictEqual(iconSyntax(content.markdown), ['bell-dot']);
    assert.deepStrictEqual(
      links(html).map(([href, label]) => [decodeURIComponent(href.replace(/&amp;/g, '&')), label]),
      [
        [`command:${Commands.openTicket}?["0005PYGCW"]`, 'Open Ticket'],
        [`command:${Commands.copyTicketId}?["0005PYGCW"]`, 'Copy ID'],
      ],
    );
    assert.deepStrictEqual(content.enabledCommands, [Commands.openTicket, Commands.copyTicketId]);
  });

  it('falls back to our severity label and "(no title)" when the server sends none', () => {
    const text = decode(
      md.render(
        ticketHoverMarkdown(ticket({ title: ' \u200F ', severity: { value: 2, label: '' } }), NOW, 'UTC').markdown,
      ),
    );
    assert.match(text, /^\(no title\)$/m);
    assert.match(text, /Severity: Urgent/);
    assert.match(
      decode(md.render(ticketHoverMarkdown(ticket({ severity: { value: 1, label: '' } }), NOW, 'UTC').markdown)),
      /Severity: Common/,
    );
  });

  it('the signed-out hover is one line with a Sign In link and trusts only Sign In', () => {
    const content = signedOutHoverMarkdown('0005PYGCW');
    assert.ok(!content.markdown.includes('\n'));
    const html = md.render(content.markdown);
    assert.deepStrictEqual(
      links(html).map(([href, label]) => [href, label]),
      [[`command:${Commands.signIn}`, 'Sign In']],
    );
    assert.deepStrictEqual(content.enabledCommands, [Commands.signIn]);
  });

  it('the error hover is one line of text, no link, no stack', () => {
    const content = errorHoverMarkdown(
      '0005PYGCW',
      'Too many requests: wait 5 seconds.\n    at Object.<anonymous> (x.js:1:1)',
    );
    assert.ok(!content.markdown.includes('\n'));
    const html = md.render(content.markdown);
    assert.strictEqual(decode(html).trim(), 'Alibaba Cloud ticket 0005PYGCW: Too many requests: wait 5 seconds.');
    assert.deepStrictEqual(links(html), []);
    assert.deepStrictEqual(content.enabledCommands, []);
  });

  describe('hostile ticket text renders inert', () => {
    for (const hostile of HOSTILE_STRINGS) {
      it(`title and labels: ${hostile.label}`, () => {
        const content = ticketHoverMarkdown(
          ticket({
            title: hostile.value,
            status: { value: 4, label: hostile.value },
            severity: { value: 1, label: hostile.value },
          }),
          NOW,
          'UTC',
        );
        const html = md.render(content.markdown);
        // Only our two links; no image, no raw HTML element from the text.
        assert.deepStrictEqual(
          links(html).map(([, label]) => label),
          ['Open Ticket', 'Copy ID'],
        );
        assert.ok(!/<(?!\/?(p|strong|em|a)\b)[a-z!/]/i.test(html), `unexpected markup in ${html.slice(0, 300)}`);
        // Only our icon.
        assert.deepStrictEqual(iconSyntax(content.markdown), ['comment']);
        // The text itself is shown (sanitized to one line, cut to 200 characters).
        const shown = plainLine(hostile.value, 200);
        if (shown) {
          assert.ok(decode(html).includes(shown), `title not shown as text: ${shown.slice(0, 80)}`);
        }
        assert.ok(content.markdown.length < 4000, 'a huge title is cut');
      });
    }

    it('an id-shaped hostile value cannot smuggle a link into the signed-out or error hover', () => {
      for (const hostile of HOSTILE_STRINGS) {
        const signedOut = md.render(signedOutHoverMarkdown(hostile.value).markdown);
        assert.deepStrictEqual(
          links(signedOut).map(([, label]) => label),
          ['Sign In'],
        );
        const error = errorHoverMarkdown(hostile.value, hostile.value);
        assert.deepStrictEqual(links(md.render(error.markdown)), []);
        assert.deepStrictEqual(iconSyntax(error.markdown), []);
      }
    });
  });
});
