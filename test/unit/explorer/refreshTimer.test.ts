import * as assert from 'assert';
import { normalizeAutoRefreshSeconds, RefreshTimer } from '../../../src/features/explorer/refreshTimer';

describe('explorer auto-refresh timer', () => {
  it('0 is off; small values are raised to 30 s', () => {
    assert.strictEqual(normalizeAutoRefreshSeconds(0), 0);
    assert.strictEqual(normalizeAutoRefreshSeconds(-5), 0);
    assert.strictEqual(normalizeAutoRefreshSeconds('x'), 0);
    assert.strictEqual(normalizeAutoRefreshSeconds(5), 30);
    assert.strictEqual(normalizeAutoRefreshSeconds(300), 300);
  });

  it('runs only while the view is visible, and catches up at once when shown after the interval', async () => {
    let clock = 1_000_000;
    let refreshes = 0;
    let refreshed!: () => void;
    const firstRefresh = new Promise<void>((resolve) => (refreshed = resolve));
    const timer = new RefreshTimer(
      () => {
        refreshes++;
        refreshed();
      },
      () => clock,
    );
    timer.setIntervalSeconds(60);
    assert.strictEqual(timer.running, false, 'hidden: no timer');
    timer.setVisible(true);
    assert.strictEqual(timer.running, true);
    timer.setVisible(false);
    assert.strictEqual(timer.running, false, 'hidden again: paused');
    clock += 61_000; // the interval passed while hidden
    timer.setVisible(true);
    await firstRefresh; // due at once: the test times out if it waits for another interval
    await new Promise((resolve) => setImmediate(resolve)); // the timer schedules the next run after the refresh
    assert.strictEqual(refreshes, 1, 'refreshed as soon as it was shown');
    assert.strictEqual(timer.running, true, 'and scheduled the next one');
    timer.setIntervalSeconds(0);
    assert.strictEqual(timer.running, false, '0 turns it off');
    timer.dispose();
  });

  it('after a sleep (the wall clock jumped, the timer did not), focus brings one refresh at once, not a burst', async () => {
    let clock = 1_000_000;
    let refreshes = 0;
    const timer = new RefreshTimer(
      () => void refreshes++,
      () => clock,
    );
    timer.setIntervalSeconds(300);
    timer.setVisible(true);
    timer.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.strictEqual(refreshes, 0, 'nothing is overdue yet');
    clock += 3 * 3600_000; // three hours asleep
    timer.catchUp();
    timer.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.strictEqual(refreshes, 1, 'one catch-up refresh');
    timer.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.strictEqual(refreshes, 1, 'and the next one a whole interval later');
    timer.dispose();
  });
});
