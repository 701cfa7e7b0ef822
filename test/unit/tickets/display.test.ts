import * as assert from 'assert';
import { formatAge, formatRelativeTime } from '../../../src/tickets/display';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('display helpers', () => {
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
