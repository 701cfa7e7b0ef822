// The write actions obey the one state-rule table (stateRules.ts) in every status, the README shows that table, and
// the control API scripts what support does (a status change, a new unread note) for watcher tests.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEMO_CREDENTIALS, STATE_RULES, StatusValue, WRITE_ACTIONS, WriteActionName } from '../../emulator/server';
import { call, control, useEmulator } from './helpers';

const creds = DEMO_CREDENTIALS;
const STATUSES: StatusValue[] = [1, 2, 3, 4, 5, 6];

/** Valid parameters for each write action on ticket `id`. */
function paramsFor(action: WriteActionName, id: string): Array<[string, string]> {
  switch (action) {
    case 'ReplyTicket':
      return [
        ['TicketId', id],
        ['Content', 'reply'],
        ['Encrypt', 'false'],
      ];
    case 'CloseTicket':
      return [['TicketId', id]];
    case 'ReopenTicket':
      return [
        ['TicketId', id],
        ['Content', 'again'],
      ];
    case 'EvaluateTicket':
      return [
        ['TicketId', id],
        ['Solved', 'true'],
        ['Score', '4'],
      ];
    case 'CreateTicket':
      return [
        ['CategoryId', '7161'],
        ['Severity', '1'],
        ['Description', 'new'],
      ];
  }
}

describe('emulator state rules and scripting', () => {
  const emulator = useEmulator({ seed: 'demo' });

  for (const action of WRITE_ACTIONS.filter((a) => a !== 'CreateTicket')) {
    const rule = STATE_RULES[action];
    it(`${action}: accepted in status ${rule.allowedFrom!.join(', ')} and leads where the table says; refused otherwise`, async () => {
      for (const status of STATUSES) {
        const ticket = emulator().addTicket({ title: `${action} from ${status}`, status });
        const r = await call(emulator().url, { action, body: paramsFor(action, ticket.ticketId), credentials: creds });
        const after = emulator().getTicket(ticket.ticketId)!.status;
        if (rule.allowedFrom!.includes(status)) {
          assert.equal(r.status, 200, `${action} in ${status}: ${r.text}`);
          assert.equal(after, rule.next[status] ?? status, `${action} from ${status}`);
        } else {
          assert.equal(r.status, 400, `${action} in ${status} should be refused`);
          assert.equal(r.json.Code, 'illegal.param');
          assert.equal(r.json.Success, false);
          assert.match(r.json.Message, new RegExp(`does not allow ${action}`));
          assert.equal(after, status, 'a refusal changes nothing');
        }
      }
    });
  }

  it('CreateTicket stores category, severity, title, e-mail, attachments and SecretInfo; the ticket starts pending (1)', async () => {
    const r = await call(emulator().url, {
      action: 'CreateTicket',
      query: [['SecretInfo', JSON.stringify({ Content: 'pw', FileNameList: ['s.txt'] })]],
      body: [
        ['CategoryId', '7302'],
        ['Severity', '2'],
        ['Title', 'OSS 403'],
        ['Description', 'd'],
        ['Email', 'a@b.c'],
        ['FileNameList', 'x.log,y.png'],
      ],
      credentials: creds,
    });
    assert.equal(r.status, 200, r.text);
    const t = emulator().getTicket(r.json.Data)!;
    assert.deepEqual(
      {
        categoryId: t.categoryId,
        severity: t.severity,
        title: t.title,
        email: t.email,
        status: t.status,
        secret: t.secretInfo,
        files: t.attachments!.map((a) => a.name),
      },
      {
        categoryId: '7302',
        severity: 2,
        title: 'OSS 403',
        email: 'a@b.c',
        status: 1,
        secret: { content: 'pw', fileNames: ['s.txt'] },
        files: ['x.log', 'y.png'],
      },
    );
    const bad = await call(emulator().url, {
      action: 'CreateTicket',
      query: [['SecretInfo', '{not json']],
      body: paramsFor('CreateTicket', ''),
      credentials: creds,
    });
    assert.equal(bad.status, 400);
    assert.match(bad.json.Message, /SecretInfo must be JSON/);
  });

  it('ListProducts and ListCategories answer in zh, en and jp', async () => {
    const names = async (lang: string) =>
      (
        await call(emulator().url, { action: 'ListProducts', query: [['Language', lang]], credentials: creds })
      ).json.Data.map((d: { DirectoryName: string }) => d.DirectoryName);
    assert.deepEqual(await names('zh'), ['弹性计算', '存储与数据库']);
    assert.deepEqual(await names('en'), ['Elastic Computing', 'Storage and Databases']);
    assert.deepEqual(await names('jp'), ['エラスティックコンピューティング', 'ストレージとデータベース']);
    const cats = await call(emulator().url, {
      action: 'ListCategories',
      query: [['Language', 'jp']],
      body: [['ProductId', '4']],
      credentials: creds,
    });
    assert.deepEqual(
      cats.json.Data.map((c: { CategoryName: string }) => c.CategoryName),
      ['更新と課金', 'インスタンスが起動しない'],
    );
  });

  it('control API: a scripted status change and support note show in GetTicket and ListTicketNotes (note unread, Role 2)', async () => {
    const url = emulator().url;
    const s = await control(url, 'POST', '/__emulator/tickets/001571BTXC/status', { status: 5 });
    assert.equal(s.status, 200, s.text);
    const n = await control(url, 'POST', '/__emulator/tickets/001571BTXC/notes', {
      content: 'We fixed it, please confirm.',
    });
    assert.equal(n.status, 200, n.text);
    const ticket = await call(url, { action: 'GetTicket', body: [['TicketId', '001571BTXC']], credentials: creds });
    assert.equal(ticket.json.Data.Status.Value, '5');
    const notes = (
      await call(url, { action: 'ListTicketNotes', query: [['TicketId', '001571BTXC']], credentials: creds })
    ).json.Data;
    const last = notes[notes.length - 1];
    assert.deepEqual([last.Dialog.Content, last.User.Role, last.Status], ['We fixed it, please confirm.', 2, 1]);
    // Reading does not mark it read.
    const again = (
      await call(url, { action: 'ListTicketNotes', query: [['TicketId', '001571BTXC']], credentials: creds })
    ).json.Data;
    assert.equal(again[again.length - 1].Status, 1);
    const inspected = await control(url, 'GET', '/__emulator/tickets/001571BTXC');
    assert.equal(inspected.json.ticket.status, 5);
    assert.equal(inspected.json.notes.length, notes.length);
  });

  it('control API refuses bad scripting with a reason; unknown routes are 404, wrong methods 405', async () => {
    const url = emulator().url;
    assert.equal((await control(url, 'POST', '/__emulator/tickets/001571BTXC/status', { status: 9 })).status, 400);
    assert.equal((await control(url, 'POST', '/__emulator/tickets/NOPE00000/status', { status: 2 })).status, 400);
    assert.equal((await control(url, 'POST', '/__emulator/tickets/001571BTXC/notes', {})).status, 400);
    assert.equal((await control(url, 'GET', '/__emulator/nothing')).status, 404);
    assert.equal((await control(url, 'PUT', '/__emulator/faults')).status, 405);
    const log = await control(url, 'GET', '/__emulator/requests');
    assert.ok(Array.isArray(log.json.requests));
  });

  it("the README state table has one row per write action with the table's statuses and source", () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../../test/emulator/README.md'), 'utf8');
    for (const action of WRITE_ACTIONS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${action} |`));
      assert.ok(row, `README has a row for ${action}`);
      const rule = STATE_RULES[action];
      assert.ok(row.includes(rule.allowedFrom ? rule.allowedFrom.join(', ') : '—'), row);
      assert.ok(row.includes(rule.source), row);
    }
  });
});
