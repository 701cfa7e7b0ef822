import * as assert from 'assert';
import {
  describeFilter,
  filterQueryFields,
  isFilterActive,
  parseDateRange,
  presetRange,
  toFilter,
} from '../../../src/features/explorer/filter';

describe('explorer filter', () => {
  const now = new Date(2026, 10, 27, 15, 30).getTime();

  it('parses one date (until now) or two dates as whole local days', () => {
    const one = parseDateRange('2026-11-01', now);
    assert.deepStrictEqual(one, { ok: true, range: { startDate: new Date(2026, 10, 1).getTime(), endDate: now } });
    for (const text of [
      '2026-11-01 to 2026-11-20',
      '2026-11-01 TO 2026-11-20',
      '2026-11-01..2026-11-20',
      '2026/11/01 ~ 2026/11/20',
      '2026-11-01 – 2026-11-20',
      '2026-11-01 - 2026-11-20',
      '2026-11-01/2026-11-20',
      '2026-11-01至2026-11-20',
      '2026.11.01, 2026.11.20',
    ]) {
      const two = parseDateRange(text, now);
      assert.deepStrictEqual(
        two,
        {
          ok: true,
          range: { startDate: new Date(2026, 10, 1).getTime(), endDate: new Date(2026, 10, 21).getTime() - 1 },
        },
        text,
      );
    }
    assert.deepStrictEqual(parseDateRange('  ', now), { ok: true });
  });

  it('says what is wrong with a bad range', () => {
    assert.match((parseDateRange('yesterday', now) as { message: string }).message, /not a date/);
    assert.match((parseDateRange('2026-02-30', now) as { message: string }).message, /not a date/);
    assert.match(
      (parseDateRange('2026-11-20 to 2026-11-01', now) as { message: string }).message,
      /ends before it starts/,
    );
    assert.match((parseDateRange('2027-01-01', now) as { message: string }).message, /future/);
    assert.match(
      (parseDateRange('2026-01-01 to 2026-02-01 to 2026-03-01', now) as { message: string }).message,
      /one date, or two/,
    );
  });

  it('describes the active filter for the view description, and sends both dates or neither', () => {
    const filter = {
      statuses: ['wait_feedback', 'dealing'] as const,
      keyword: 'timeout',
      ...presetRange('last7', now)!,
    };
    assert.ok(isFilterActive({ ...filter, statuses: [...filter.statuses] }));
    assert.ok(!isFilterActive({}));
    assert.strictEqual(
      describeFilter({ ...filter, statuses: [...filter.statuses] }, 'UTC'),
      `Waiting for your feedback, Processing · “timeout” · ${new Date(now - 7 * 86400000).toISOString().slice(0, 10)} – ${new Date(now).toISOString().slice(0, 10)}`,
    );
    assert.deepStrictEqual(filterQueryFields({ startDate: 5 }), {});
    assert.deepStrictEqual(filterQueryFields({ keyword: 'x', startDate: 1, endDate: 2 }), {
      keyword: 'x',
      startDate: 1,
      endDate: 2,
    });
    assert.strictEqual(presetRange('any', now), undefined);
  });
});

describe('explorer filter from a command argument', () => {
  it('keeps known statuses, a usable keyword and an ordered date pair; drops the rest', () => {
    assert.deepStrictEqual(
      toFilter({ statuses: ['dealing', 'nope', 7], keyword: '  OSS ', startDate: 1, endDate: 2, extra: true }),
      {
        statuses: ['dealing'],
        keyword: 'OSS',
        startDate: 1,
        endDate: 2,
      },
    );
    assert.deepStrictEqual(toFilter({ startDate: 5, endDate: 1, keyword: 'x'.repeat(200) }), {});
    assert.deepStrictEqual(toFilter({}), {});
    assert.strictEqual(toFilter('dealing'), undefined);
    assert.strictEqual(toFilter(null), undefined);
  });
});
