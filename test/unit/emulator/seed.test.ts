// The seeds and the hostile corpus have what the other suites rely on.
import { strict as assert } from 'assert';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-strings';
import { TICKET_ID_SHAPE } from '../../emulator/model';
import { buildSeed, DEMO_TICKET_COUNT, hostileTicketId } from '../../emulator/seed';
import { DEMO_CREDENTIALS } from '../../emulator/server';
import { call, useEmulator } from './helpers';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('emulator seeds', () => {
  describe('demo', () => {
    const demo = buildSeed('demo', NOW);

    it('has more than a page of 100 tickets, with unique ids of the documented shape', () => {
      assert.equal(demo.tickets.length, DEMO_TICKET_COUNT);
      const ids = demo.tickets.map((t) => t.ticketId);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.match(id, TICKET_ID_SHAPE);
      assert.ok(ids.includes('0005PYGCW') && ids.includes('001571BTXC'));
    });

    it('covers all six statuses and both severities, over the last months, in the past', () => {
      assert.deepEqual(
        [...new Set(demo.tickets.map((t) => t.status))].sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6],
      );
      assert.deepEqual(
        [...new Set(demo.tickets.map((t) => t.severity))].sort((a, b) => a - b),
        [1, 2],
      );
      const ages = demo.tickets.map((t) => NOW - t.createTime);
      assert.ok(Math.min(...ages) > 0);
      assert.ok(Math.max(...ages) > 90 * 86_400_000, 'spread over months');
    });

    it('has Chinese and English text, multi-line descriptions and HTML-looking text', () => {
      assert.ok(demo.tickets.some((t) => /[\u4e00-\u9fff]/.test(t.title)));
      assert.ok(demo.tickets.some((t) => /^[\x20-\x7e]+$/.test(t.title)));
      assert.ok(demo.tickets.every((t) => t.description.includes('\n')));
      assert.ok(demo.tickets.some((t) => t.description.includes('<script>')));
      assert.ok(demo.tickets.some((t) => t.description.includes('<b>') || t.title.includes('<b>')));
    });

    it('gives every ticket a conversation with agent and user turns, in the past, some attachments on https', () => {
      let attachments = 0;
      for (const t of demo.tickets) {
        const notes = demo.notes.get(t.ticketId)!;
        assert.ok(notes.length >= 1);
        for (const n of notes) {
          assert.ok(n.createTime >= t.createTime && n.createTime < NOW);
          for (const a of n.attachments) {
            assert.match(a.url, /^https:\/\//);
            attachments++;
          }
        }
      }
      const roles = new Set([...demo.notes.values()].flat().map((n) => n.role));
      assert.deepEqual(
        [...roles].sort((a, b) => a - b),
        [2, 3],
      );
      assert.ok(attachments > 10);
    });

    it('is the same for the same clock (tests can rely on it)', () => {
      const again = buildSeed('demo', NOW);
      assert.deepEqual(again.tickets, demo.tickets);
    });
  });

  it('empty has no tickets', () => {
    assert.equal(buildSeed('empty', NOW).tickets.length, 0);
  });

  describe('hostile corpus', () => {
    it('has at least 60 labelled strings, labels unique', () => {
      assert.ok(HOSTILE_STRINGS.length >= 60);
      assert.equal(new Set(HOSTILE_STRINGS.map((h) => h.label)).size, HOSTILE_STRINGS.length);
    });

    it('covers the required families', () => {
      const all = HOSTILE_STRINGS.map((h) => h.value);
      const has = (re: RegExp) => all.some((v) => re.test(v));
      assert.ok(has(/<script>/i), 'script');
      assert.ok(has(/onerror=/), 'event handler');
      assert.ok(has(/javascript:/), 'javascript url');
      assert.ok(has(/data:text\/html/), 'data url');
      assert.ok(has(/<svg onload/), 'svg');
      assert.ok(has(/<\/style>/) && has(/expression\(/), 'css');
      assert.ok(has(/\]\(command:workbench\.action\.terminal\.new\)/), 'command uri');
      assert.ok(has(/\$\(alert\)/), 'codicon');
      assert.ok(has(/!\[.*\]\(https?:/), 'markdown image');
      assert.ok(has(/\u202E/) && has(/\u200B/), 'bidi and zero width');
      assert.ok(has(/\u0000/), 'null byte');
      assert.ok(has(/\{\{template\}\}/) && has(/\$\{/), 'templates');
      assert.ok(has(/&lt;/), 'entities');
      assert.ok(
        all.some((v) => v.length >= 100 * 1024),
        '100 KB',
      );
    });
  });

  describe('hostile seed over HTTP', () => {
    const emulator = useEmulator({ seed: 'hostile' }, false);

    it('serves each corpus string unchanged in title, notes, user names and attachment names', async () => {
      for (const index of [
        0,
        8,
        15,
        52,
        HOSTILE_STRINGS.findIndex((h) => h.label === '100 KB string'),
        HOSTILE_STRINGS.findIndex((h) => h.label === 'null bytes'),
      ]) {
        const id = hostileTicketId(index);
        const value = HOSTILE_STRINGS[index].value;
        const t = await call(emulator().url, {
          action: 'GetTicket',
          body: [['TicketId', id]],
          credentials: DEMO_CREDENTIALS,
        });
        assert.equal(t.status, 200);
        assert.equal(t.json.Data.Title, value);
        const n = await call(emulator().url, {
          action: 'ListTicketNotes',
          query: [['TicketId', id]],
          credentials: DEMO_CREDENTIALS,
        });
        assert.equal(n.json.Data[0].Dialog.Content, value);
        assert.equal(n.json.Data[0].User.Name, value);
        assert.equal(n.json.Data[0].Attachments[0].Name, value);
      }
    });

    it('includes javascript:, data: and http: attachment URLs and hostile status labels', async () => {
      const t = await call(emulator().url, {
        action: 'GetTicket',
        body: [['TicketId', hostileTicketId(0)]],
        credentials: DEMO_CREDENTIALS,
      });
      assert.equal(t.json.Data.Status.Label, HOSTILE_STRINGS[0].value);
      assert.equal(t.json.Data.Severity.Label, HOSTILE_STRINGS[0].value);
      const seed = buildSeed('hostile', NOW);
      const all = [...seed.notes.values()].flat().flatMap((n) => n.attachments.map((a) => a.url));
      for (const scheme of ['javascript:', 'data:', 'http:', 'command:', 'https:'])
        assert.ok(
          all.some((u) => u.startsWith(scheme)),
          scheme,
        );
      assert.ok(seed.tickets.some((t) => t.statusLabel === HOSTILE_STRINGS[0].value));
    });
  });
});
