// The write, catalogue and upload methods of TicketClient against the emulator over real HTTP: where each parameter
// travels (the emulator's paramSources), what the server keeps afterwards, and the argument checks that refuse bad
// input with a clear message before any request is sent.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import { emulatorClients } from './emulatorClients';
import { TicketApiError } from '../../../src/api/errors';
import { describeError } from '../../../src/api/errorWording';
import type { TicketClientOptions } from '../../../src/api/types';

describe('api/client write and catalogue actions against the emulator', function () {
  this.timeout(20000);
  const env = emulatorClients({ retryBaseDelayMs: 20 });
  const client = (options?: Partial<TicketClientOptions>) => env.client(options);
  const lastRequest = (action: string) => [...env.emu.requests].reverse().find((r) => r.action === action)!;

  describe('parameter placement', () => {
    it('replyTicket: TicketId, Content, Encrypt in the body; FileNameList comma-joined in the query; returns the DialogId', async () => {
      const ticket = env.emu.addTicket({ title: 'reply here', status: 3 });
      const dialogId = await client().replyTicket(ticket.ticketId, 'Logs attached', {
        encrypt: true,
        attachments: ['k/a.log', 'k/b.png'],
      });
      const r = lastRequest('ReplyTicket');
      assert.deepStrictEqual(r.paramSources, {
        FileNameList: 'query',
        TicketId: 'body',
        Content: 'body',
        Encrypt: 'body',
      });
      assert.strictEqual(r.query.FileNameList, 'k/a.log,k/b.png');
      assert.strictEqual(r.body.Encrypt, 'true');
      assert.ok(/^\d+$/.test(dialogId), dialogId);
      const notes = await client().listTicketNotes(ticket.ticketId);
      const mine = notes.find((n) => n.dialogId === dialogId);
      assert.ok(mine, 'the reply is in the conversation under the returned DialogId');
      assert.strictEqual(mine.content, 'Logs attached');
    });

    it('replyTicket without attachments sends no FileNameList and Encrypt=false', async () => {
      const ticket = env.emu.addTicket({ title: 't', status: 1 });
      await client().replyTicket(ticket.ticketId, 'hello');
      const r = lastRequest('ReplyTicket');
      assert.deepStrictEqual(r.query, {});
      assert.strictEqual(r.body.Encrypt, 'false');
    });

    it('closeTicket, reopenTicket, evaluateTicket put everything in the body and change the ticket', async () => {
      const ticket = env.emu.addTicket({ title: 't', status: 2 });
      const c = client();
      await c.closeTicket(ticket.ticketId);
      assert.deepStrictEqual(lastRequest('CloseTicket').paramSources, { TicketId: 'body' });
      assert.strictEqual(env.emu.getTicket(ticket.ticketId)!.status, 6);
      await c.evaluateTicket(ticket.ticketId, { solved: true, score: 4, content: 'quick' });
      assert.deepStrictEqual(lastRequest('EvaluateTicket').paramSources, {
        TicketId: 'body',
        Solved: 'body',
        Score: 'body',
        Content: 'body',
      });
      assert.deepStrictEqual(env.emu.getEvaluation(ticket.ticketId), { solved: true, score: 4, content: 'quick' });
      assert.strictEqual(await c.reopenTicket(ticket.ticketId, 'It broke again'), ticket.ticketId);
      assert.deepStrictEqual(lastRequest('ReopenTicket').paramSources, { TicketId: 'body', Content: 'body' });
      assert.notStrictEqual(env.emu.getTicket(ticket.ticketId)!.status, 6);
    });

    it('createTicket: fields and FileNameList in the body, SecretInfo JSON in the query; the ticket reads back', async () => {
      const id = await client().createTicket({
        categoryId: 7161,
        severity: 2,
        title: 'Renewal failed',
        description: 'The renewal of i-abc failed.',
        email: 'ops@example.com',
        attachments: ['k/1.log'],
        secret: { content: 'root password: hunter2', attachments: ['k/secret.txt'] },
      });
      const r = lastRequest('CreateTicket');
      assert.deepStrictEqual(r.paramSources, {
        SecretInfo: 'query',
        CategoryId: 'body',
        Description: 'body',
        Severity: 'body',
        Title: 'body',
        Email: 'body',
        FileNameList: 'body',
      });
      assert.deepStrictEqual(JSON.parse(r.query.SecretInfo), {
        Content: 'root password: hunter2',
        FileNameList: ['k/secret.txt'],
      });
      const ticket = await client().getTicket(id);
      assert.strictEqual(ticket.title, 'Renewal failed');
      assert.strictEqual(ticket.categoryId, '7161');
      assert.strictEqual(ticket.severity.value, 2);
    });

    it('listProducts: Name and Language in the query; directories with products', async () => {
      const dirs = await client().listProducts({ language: 'en' });
      assert.deepStrictEqual(lastRequest('ListProducts').paramSources, { Language: 'query' });
      assert.ok(dirs.length >= 2);
      assert.ok(dirs.every((d) => d.directoryId && d.directoryName && d.products.length > 0));
      assert.ok(dirs.some((d) => d.products.some((p) => p.productName === 'Elastic Compute Service')));
      const oss = await client().listProducts({ name: 'oss' });
      assert.deepStrictEqual(lastRequest('ListProducts').paramSources, { Name: 'query' });
      assert.deepStrictEqual(
        oss.flatMap((d) => d.products.map((p) => p.productId)),
        ['21'],
      );
    });

    it('listCategories: ProductId and Name in the body, Language in the query', async () => {
      const cats = await client().listCategories('4', { language: 'en', name: 'renewal' });
      assert.deepStrictEqual(lastRequest('ListCategories').paramSources, {
        Language: 'query',
        ProductId: 'body',
        Name: 'body',
      });
      assert.deepStrictEqual(cats, [{ categoryId: '7161', categoryName: 'Renewal and billing' }]);
    });
  });

  describe('argument checks (nothing is sent)', () => {
    const cases: Array<[string, (c: TicketClient) => Promise<unknown>, RegExp]> = [
      ['empty reply', (c) => c.replyTicket('001571BTXC', '   '), /The reply is empty/],
      ['attachment key with a comma', (c) => c.replyTicket('001571BTXC', 'x', { attachments: ['a,b'] }), /no commas/],
      ['bad ticket id', (c) => c.closeTicket('not an id!'), /ticket id/],
      ['reopen without a reason', (c) => c.reopenTicket('0005PYGCW', ''), /reason for reopening is empty/],
      [
        'score 0',
        (c) => c.evaluateTicket('0005PYGCW', { solved: true, score: 0 }),
        /score must be a whole number from 1 to 5 \(got 0\)/,
      ],
      ['score 6', (c) => c.evaluateTicket('0005PYGCW', { solved: true, score: 6 }), /from 1 to 5 \(got 6\)/],
      ['score 2.5', (c) => c.evaluateTicket('0005PYGCW', { solved: false, score: 2.5 }), /from 1 to 5/],
      ['solved missing', (c) => c.evaluateTicket('0005PYGCW', { score: 3 } as never), /solved/],
      [
        'severity 3',
        (c) => c.createTicket({ categoryId: '7161', severity: 3 as never, description: 'x' }),
        /severity must be 1 \(common\) or 2 \(urgent\)/,
      ],
      [
        'no category',
        (c) => c.createTicket({ categoryId: '', severity: 1, description: 'x' }),
        /Choose a product and a category/,
      ],
      [
        'empty description',
        (c) => c.createTicket({ categoryId: '7161', severity: 1, description: '' }),
        /The description is empty/,
      ],
      [
        'bad e-mail',
        (c) => c.createTicket({ categoryId: '7161', severity: 1, description: 'x', email: 'ops at example' }),
        /does not look like an e-mail/,
      ],
      ['unknown language', (c) => c.listProducts({ language: 'fr' as never }), /language must be zh, en or jp/],
      ['no product id', (c) => c.listCategories(''), /product id is required/],
    ];
    for (const [name, run, message] of cases) {
      it(`${name}: a clear message, and no request reaches the server`, async () => {
        const before = env.emu.requests.length;
        await assert.rejects(run(client()), (err: unknown) => {
          assert.ok(err instanceof TicketApiError);
          assert.match(describeError(err), message);
          return true;
        });
        assert.strictEqual(env.emu.requests.length, before);
      });
    }
  });
});
