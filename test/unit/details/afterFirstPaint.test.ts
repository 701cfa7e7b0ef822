// A new panel's tab title and the Tickets view following its ticket wait until the page painted (or a short wait
// passed); a title that must change at once (another account signed in) does, and drops the one waiting.
import * as assert from 'assert';
import { AfterFirstPaint, TabTitle } from '../../../src/features/details/afterFirstPaint';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('details/afterFirstPaint', () => {
  it('runs nothing before the page painted, then what waited in order, the newest title only; later tasks at once', () => {
    const gate = new AfterFirstPaint(60_000);
    const titles: string[] = [];
    const tab = new TabTitle(gate, (title) => titles.push(title));
    const ran: string[] = [];
    tab.later('0005PYGCW · Loading');
    gate.run('follow', () => ran.push('follow'));
    tab.later('0005PYGCW · ECS cannot start');
    assert.deepStrictEqual(titles, [], 'the tab keeps its title until the paint');
    assert.deepStrictEqual(ran, [], 'the Tickets view does not follow before the paint');
    gate.painted();
    assert.deepStrictEqual(titles, ['0005PYGCW · ECS cannot start']);
    assert.deepStrictEqual(ran, ['follow']);
    gate.painted();
    tab.later('0005PYGCW · renamed');
    assert.deepStrictEqual(titles, ['0005PYGCW · ECS cannot start', '0005PYGCW · renamed'], 'after it, at once');
    gate.dispose();
  });

  it('a title that must change now does at once and drops the one that waited (nothing of the old account stays)', () => {
    const gate = new AfterFirstPaint(60_000);
    const titles: string[] = [];
    const tab = new TabTitle(gate, (title) => titles.push(title));
    tab.later("0005PYGCW · account A's title");
    tab.now('0005PYGCW');
    assert.deepStrictEqual(titles, ['0005PYGCW']);
    gate.painted();
    assert.deepStrictEqual(titles, ['0005PYGCW'], "A's title does not come back after the paint");
    gate.dispose();
  });

  it('a page that never says it painted (a background tab) gets its title after the wait', async () => {
    const gate = new AfterFirstPaint(30);
    const titles: string[] = [];
    new TabTitle(gate, (title) => titles.push(title)).later('0005PYGCW · ECS cannot start');
    await sleep(10);
    assert.deepStrictEqual(titles, []);
    await sleep(100);
    assert.deepStrictEqual(titles, ['0005PYGCW · ECS cannot start']);
    gate.dispose();
  });

  it('a panel closed before its paint runs nothing, then or later', async () => {
    const gate = new AfterFirstPaint(20);
    const ran: string[] = [];
    gate.run('follow', () => ran.push('follow'));
    gate.dispose();
    gate.painted();
    gate.run('title', () => ran.push('title'));
    await sleep(60);
    assert.deepStrictEqual(ran, []);
  });
});
