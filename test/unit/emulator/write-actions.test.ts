// Reply, close, reopen, rate and create change what the read actions answer afterwards.
import { strict as assert } from 'assert';
import { DEMO_CREDENTIALS } from '../../emulator/server';
import { call, control, useEmulator } from './helpers';

const creds = DEMO_CREDENTIALS;

describe('emulator write actions', () => {
  const emulator = useEmulator({ seed: 'demo' });

  const get = async (id: string) =>
    (await call(emulator().url, { action: 'GetTicket', body: [['TicketId', id]], credentials: creds })).json.Data;
  /** The first ten tickets of ListTickets. */
  const firstPage = () =>
    call(emulator().url, {
      action: 'ListTickets',
      query: [
        ['PageNumber', '1'],
        ['PageSize', '10'],
      ],
      credentials: creds,
    });
  const notes = async (id: string) =>
    (await call(emulator().url, { action: 'ListTicketNotes', query: [['TicketId', id]], credentials: creds })).json
      .Data;

  it('ReplyTicket adds your note (with attachments) and moves the ticket to "feedback received"', async () => {
    const before = await notes('001571BTXC');
    const r = await call(emulator().url, {
      action: 'ReplyTicket',
      query: [['FileNameList', 'log.txt,shot.png']],
      body: [
        ['TicketId', '001571BTXC'],
        ['Content', '已按要求处理 <ok>'],
        ['Encrypt', 'false'],
      ],
      credentials: creds,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(typeof r.json.Data, 'string');
    const after = await notes('001571BTXC');
    assert.equal(after.length, before.length + 1);
    const last = after[after.length - 1];
    assert.equal(String(last.DialogId), r.json.Data);
    assert.equal(last.Dialog.Content, '已按要求处理 <ok>');
    assert.equal(last.User.Role, 3);
    assert.deepEqual(
      last.Attachments.map((a: { Name: string }) => a.Name),
      ['log.txt', 'shot.png'],
    );
    assert.equal((await get('001571BTXC')).Status.Value, '4');
  });

  it('ReplyTicket refuses a missing Content or Encrypt and a completed ticket', async () => {
    for (const body of [
      [
        ['TicketId', '001571BTXC'],
        ['Encrypt', 'false'],
      ],
      [
        ['TicketId', '001571BTXC'],
        ['Content', 'x'],
      ],
      [
        ['TicketId', '0005PYGCW'],
        ['Content', 'x'],
        ['Encrypt', 'false'],
      ],
    ] as Array<Array<[string, string]>>) {
      const r = await call(emulator().url, { action: 'ReplyTicket', body, credentials: creds });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.Code, 'illegal.param');
    }
  });

  it('CloseTicket completes a ticket; ReopenTicket brings it back with your note; EvaluateTicket rates a completed one', async () => {
    const close = await call(emulator().url, {
      action: 'CloseTicket',
      body: [['TicketId', '001571BTXC']],
      credentials: creds,
    });
    assert.equal(close.status, 200);
    assert.equal((await get('001571BTXC')).Status.Value, '6');

    const rate = await call(emulator().url, {
      action: 'EvaluateTicket',
      body: [
        ['TicketId', '001571BTXC'],
        ['Solved', 'true'],
        ['Score', '5'],
        ['Content', 'thanks'],
      ],
      credentials: creds,
    });
    assert.equal(rate.status, 200);
    assert.deepEqual(emulator().getEvaluation('001571BTXC'), { solved: true, score: 5, content: 'thanks' });
    const badScore = await call(emulator().url, {
      action: 'EvaluateTicket',
      body: [
        ['TicketId', '001571BTXC'],
        ['Solved', 'true'],
        ['Score', '6'],
      ],
      credentials: creds,
    });
    assert.equal(badScore.status, 400);

    const reopen = await call(emulator().url, {
      action: 'ReopenTicket',
      body: [
        ['TicketId', '001571BTXC'],
        ['Content', 'It is back'],
      ],
      credentials: creds,
    });
    assert.equal(reopen.status, 200);
    assert.equal(reopen.json.Data, '001571BTXC');
    assert.equal((await get('001571BTXC')).Status.Value, '1');
    const conversation = await notes('001571BTXC');
    assert.equal(conversation[conversation.length - 1].Dialog.Content, 'It is back');

    const reopenOpen = await call(emulator().url, {
      action: 'ReopenTicket',
      body: [
        ['TicketId', '001571BTXC'],
        ['Content', 'again'],
      ],
      credentials: creds,
    });
    assert.equal(reopenOpen.status, 400, 'only a completed ticket reopens');
    const rateOpen = await call(emulator().url, {
      action: 'EvaluateTicket',
      body: [
        ['TicketId', '001571BTXC'],
        ['Solved', 'false'],
        ['Score', '1'],
      ],
      credentials: creds,
    });
    assert.equal(rateOpen.status, 400, 'only a completed ticket is rated');
  });

  it('CreateTicket returns a new id that lists first and reads back', async () => {
    const r = await call(emulator().url, {
      action: 'CreateTicket',
      body: [
        ['CategoryId', '7161'],
        ['Description', 'New problem\nsecond line'],
        ['Severity', '2'],
        ['Title', 'Brand new'],
      ],
      credentials: creds,
    });
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.Data, /^[0-9A-Z]{9,10}$/);
    const t = await get(r.json.Data);
    assert.deepEqual([t.Title, t.Status.Value, t.Severity.Value], ['Brand new', '1', '2']);
    const list = await firstPage();
    assert.equal(list.json.Data[0].TicketId, r.json.Data);
    const missing = await call(emulator().url, {
      action: 'CreateTicket',
      body: [
        ['CategoryId', '7161'],
        ['Severity', '1'],
      ],
      credentials: creds,
    });
    assert.equal(missing.status, 400);
  });

  it('ListProducts and ListCategories answer the product tree, filtered by name', async () => {
    const products = await call(emulator().url, {
      action: 'ListProducts',
      query: [
        ['Name', 'oss'],
        ['Language', 'en'],
      ],
      credentials: creds,
    });
    assert.equal(products.status, 200);
    const all = products.json.Data.flatMap(
      (d: { ProductList: Array<{ ProductId: number; ProductName: string }> }) => d.ProductList,
    );
    assert.deepEqual(
      all.map((p: { ProductName: string }) => p.ProductName),
      ['Object Storage Service'],
    );
    const categories = await call(emulator().url, {
      action: 'ListCategories',
      body: [['ProductId', String(all[0].ProductId)]],
      credentials: creds,
    });
    assert.equal(categories.status, 200);
    assert.ok(categories.json.Data.length >= 1 && typeof categories.json.Data[0].CategoryId === 'number');
  });

  it('control reset can switch seeds; keys/disable disables a key', async () => {
    const r = await control(emulator().url, 'POST', '/__emulator/reset', { seed: 'empty' });
    assert.deepEqual([r.json.seed, r.json.tickets], ['empty', 0]);
    const list = await firstPage();
    assert.equal(list.json.TotalCount, 0);
    const bad = await control(emulator().url, 'POST', '/__emulator/reset', { seed: 'nope' });
    assert.equal(bad.status, 400);
    await control(emulator().url, 'POST', '/__emulator/reset', { seed: 'demo' });
    assert.equal(emulator().allTickets().length, 150);

    const lang = await control(emulator().url, 'POST', '/__emulator/reset', { language: 'en' });
    assert.equal(lang.json.language, 'en');
    assert.equal(
      (await call(emulator().url, { action: 'GetTicket', body: [['TicketId', '0005PYGCW']], credentials: creds })).json
        .Data.Status.Label,
      'Completed',
    );
    const badLang = await control(emulator().url, 'POST', '/__emulator/reset', { seed: 'empty', language: 'fr' });
    assert.equal(badLang.status, 400);
    assert.equal(emulator().allTickets().length, 150, 'a refused reset changes nothing');
    await control(emulator().url, 'POST', '/__emulator/reset', { language: 'zh' });

    await control(emulator().url, 'POST', '/__emulator/keys/disable', { accessKeyId: creds.accessKeyId });
    const denied = await call(emulator().url, {
      action: 'GetTicket',
      body: [['TicketId', '0005PYGCW']],
      credentials: creds,
    });
    assert.equal(denied.json.Code, 'Forbidden.AccessKeyDisabled');
    emulator().reset();
    const again = await call(emulator().url, {
      action: 'GetTicket',
      body: [['TicketId', '0005PYGCW']],
      credentials: creds,
    });
    assert.equal(again.status, 200, 'reset re-enables keys');
  });
});
