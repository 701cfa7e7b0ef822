import * as assert from 'assert';
import { escapeMarkdown, formatAge, formatRelativeTime, sanitizeInline } from '../../../src/tickets/display';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('display helpers', () => {
  it('sanitizeInline: one line, no control or bidi characters, no lone surrogates', () => {
    assert.strictEqual(sanitizeInline('first\r\nsecond\tthird\u2028fourth'), 'first second third fourth');
    assert.strictEqual(sanitizeInline('abc\u202Edef\u2066g\u200Fh'), 'abcdefgh');
    assert.strictEqual(sanitizeInline('a\u0000b\u0007c\u009Bd'), 'abcd');
    assert.strictEqual(sanitizeInline('x\uD800y\uDC00z'), 'x\uFFFDy\uFFFDz');
    assert.strictEqual(sanitizeInline('  spaced    out  '), 'spaced out');
  });

  it('sanitizeInline: cuts with an ellipsis, never inside a surrogate pair', () => {
    assert.strictEqual(sanitizeInline('abcdefghij', 5), 'abcd…');
    assert.strictEqual(sanitizeInline('abcdefghij', 10), 'abcdefghij');
    // The cut would fall between the two halves of 😀 (U+1F600): the whole pair goes.
    const cut = sanitizeInline('abc\uD83D\uDE00defgh', 5);
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

  it('formatAge: compact ages for the tree, empty for a missing time', () => {
    const cases: Array<[number, string]> = [
      [NOW - 30_000, 'now'],
      [NOW - 5 * MINUTE, '5m'],
      [NOW - 3 * 60 * MINUTE, '3h'],
      [NOW - 2 * DAY, '2d'],
      [NOW - 15 * DAY, '2w'],
      [NOW - 120 * DAY, '4mo'],
      [NOW - 800 * DAY, '2y'],
      [NOW + 5 * MINUTE, 'now'],
      [0, ''],
      [Number.NaN, ''],
    ];
    for (const [time, expected] of cases) {
      assert.strictEqual(formatAge(time, NOW), expected, `age of ${time}`);
    }
  });

  it('formatRelativeTime: words for the hover and tooltip', () => {
    assert.strictEqual(formatRelativeTime(NOW - 20_000, NOW), 'just now');
    assert.strictEqual(formatRelativeTime(NOW - 5 * MINUTE, NOW), '5 minutes ago');
    assert.strictEqual(formatRelativeTime(NOW - DAY, NOW), 'yesterday');
    assert.strictEqual(formatRelativeTime(NOW - 3 * DAY, NOW), '3 days ago');
    assert.strictEqual(formatRelativeTime(0, NOW), '');
  });
});
