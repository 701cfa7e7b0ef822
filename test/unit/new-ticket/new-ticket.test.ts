// New Ticket's pure parts: RequestId detection, the prefill from a selection or a RequestId, the draft as read back
// from storage or the page, the checks before Submit, the page's messages, the product search; and Submit against the
// emulator over real HTTP: one CreateTicket, never two, and an unknown outcome checked in the list.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import {
  EMPTY_DRAFT,
  checkDraft,
  parseDraft,
  toCreateInput,
  type TicketDraft,
} from '../../../src/features/new-ticket/draft';
import { catalogLanguage } from '../../../src/tickets/categoryNames';
import { fenced, mergePrefill, requestIdPrefill, selectionPrefill } from '../../../src/features/new-ticket/prefill';
import { filterProducts, parseFormMessage } from '../../../src/features/new-ticket/protocol';
import { findRequestIds, isRequestId, requestIdAt } from '../../../src/features/new-ticket/requestId';
import { matchesDraft, submitDraft } from '../../../src/features/new-ticket/submit';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';
import { errorActions } from '../../../src/common/errors';
import { errorText } from '../../../src/common/errorText';

const RID = 'C499BB0F-630D-5BE6-B3EA-5FCD95B85503';

describe('new ticket: RequestIds', () => {
  it('finds upper-case UUIDs in error output, not lower-case ones, placeholders or slices of longer tokens', () => {
    const line = `Error: Throttling.User RequestId: ${RID} (retry) id=c499bb0f-630d-5be6-b3ea-5fcd95b85503 00000000-0000-0000-0000-000000000000 X${RID}`;
    assert.deepStrictEqual(
      findRequestIds(line).map((m) => [m.requestId, line.slice(m.start, m.end)]),
      [[RID, RID]],
    );
    assert.strictEqual(requestIdAt(line, line.indexOf(RID) + 5)?.requestId, RID);
    assert.strictEqual(requestIdAt(line, 3), undefined);
    assert.ok(isRequestId(RID));
    assert.ok(!isRequestId(`${RID} `) && !isRequestId('0005PYGCW'));
    assert.deepStrictEqual(findRequestIds(`"RequestId":"${RID}"`).length, 1, 'inside JSON');
    assert.deepStrictEqual(findRequestIds(`${RID} `.repeat(100)), [], 'lines over the length guard are skipped');
  });
});

describe('new ticket: prefill', () => {
  it('puts the selection in a fenced block with the workspace-relative path and line range', () => {
    const prefill = selectionPrefill({
      text: 'const a = 1;\nthrow err;',
      relativePath: 'src/app.ts',
      startLine: 12,
      endLine: 13,
      languageId: 'typescript',
    });
    assert.strictEqual(
      prefill.description,
      'From src/app.ts, lines 12-13:\n\n```typescript\nconst a = 1;\nthrow err;\n```\n',
    );
    assert.match(
      selectionPrefill({ text: 'x', relativePath: 'a.py', startLine: 3, endLine: 3 }).description,
      /^From a\.py, line 3:/,
    );
  });

  it('suggests a title from the selection: its error line, else its first meaningful line, never the lead-in', () => {
    const from = (text: string) => selectionPrefill({ text, relativePath: 'notes.ts', startLine: 2, endLine: 3 }).title;
    assert.strictEqual(
      from('// retry the renewal\nthrow new Error("Order state invalid");'),
      'throw new Error("Order state invalid");',
    );
    assert.strictEqual(from('  # Renewal keeps retrying\n  sleep 30'), 'Renewal keeps retrying');
    assert.strictEqual(from('}\n\n/* Disk quota of the instance */\n'), 'Disk quota of the instance');
    assert.strictEqual(from('{\n}\n'), undefined, 'nothing that reads as words: the person writes the title');
    const long = from(`ERROR ${'word '.repeat(40)}`)!;
    assert.ok(long.length <= 80 && long.endsWith('…'), long);
    // The form's own draft: Submit without a title names the ticket after the description, not its lead-in.
    const description = selectionPrefill({
      text: 'const a = 1;\nECONNRESET: socket hang up',
      relativePath: 'notes.ts',
      startLine: 2,
      endLine: 3,
    }).description;
    assert.strictEqual(
      toCreateInput({ ...EMPTY_DRAFT, categoryId: '1', description }).title,
      'ECONNRESET: socket hang up',
    );
  });

  it('uses a fence longer than any backtick run inside, and drops an info string that could break out', () => {
    assert.strictEqual(fenced('a ``` b'), '````\na ``` b\n````');
    assert.strictEqual(fenced('x', 'bad info\n```'), '```\nx\n```');
  });

  it('prefills a RequestId with the line it appeared on, and adds to a draft instead of replacing it', () => {
    const prefill = requestIdPrefill(RID, {
      line: `  ErrorCode: Forbidden RequestId: ${RID}  `,
      relativePath: 'logs/deploy.log',
      lineNumber: 7,
    });
    assert.strictEqual(prefill.title, `Request ${RID} failed`);
    assert.match(
      prefill.description,
      new RegExp(
        `^Alibaba Cloud RequestId: ${RID}\\n\\nWhere it appeared \\(logs/deploy\\.log, line 7\\):\\n\\n\`\`\`\\nErrorCode: Forbidden`,
      ),
    );
    const merged = mergePrefill({ title: 'Mine', description: 'What I typed' }, prefill);
    assert.strictEqual(merged.title, 'Mine');
    assert.ok(merged.description.startsWith('What I typed\n\nAlibaba Cloud RequestId'));
    assert.strictEqual(mergePrefill({ title: '', description: '  ' }, prefill).description, prefill.description);
  });

  it('asks the Ticket API in the display language: zh*, ja → jp, everything else en', () => {
    assert.deepStrictEqual(['zh-cn', 'zh-tw', 'ja', 'en', 'de', 'ko'].map(catalogLanguage), [
      'zh',
      'zh',
      'jp',
      'en',
      'en',
      'en',
    ]);
  });
});

describe('new ticket: draft and page messages', () => {
  it('reads a draft field by field: wrong types become empty, ids must be ids, sizes are bounded', () => {
    const draft = parseDraft({
      title: 5,
      description: 'd',
      severity: '2',
      categoryId: 7161,
      productId: 'x"><script>',
      email: ' a@b.cn ',
      attachments: [{ name: 'a.log', objectKey: 'k', size: 3 }, { name: '', objectKey: 'z' }, 'junk'],
      extra: 1,
    });
    assert.deepStrictEqual(draft, {
      ...EMPTY_DRAFT,
      description: 'd',
      severity: 2,
      categoryId: '7161',
      email: 'a@b.cn',
      attachments: [{ name: 'a.log', objectKey: 'k', size: 3 }],
    });
    assert.strictEqual(parseDraft({ description: 'x'.repeat(200_000) }).description.length, 100_000);
  });

  it('blocks Submit only for what the API requires, and only warns about an odd e-mail', () => {
    const problems = checkDraft({ ...EMPTY_DRAFT, email: 'not-an-address' });
    assert.deepStrictEqual(
      problems.map((p) => [p.field, p.blocking]),
      [
        ['product', true],
        ['description', true],
        ['email', false],
      ],
    );
    assert.deepStrictEqual(checkDraft({ ...EMPTY_DRAFT, productId: '4', categoryId: '7161', description: 'x' }), []);
    assert.strictEqual(checkDraft({ ...EMPTY_DRAFT, productId: '4', description: 'x' })[0].field, 'category');
  });

  it('sends the secret apart from the description, leaves out what is empty, and names an untitled ticket after its description', () => {
    const draft: TicketDraft = {
      ...EMPTY_DRAFT,
      categoryId: '7161',
      description: 'Broken',
      secret: 'root password: hunter2',
      attachments: [{ name: 'a', objectKey: 'obj/1', size: 1 }],
    };
    assert.deepStrictEqual(toCreateInput(draft), {
      categoryId: '7161',
      severity: 1,
      title: 'Broken',
      description: 'Broken',
      attachments: ['obj/1'],
      secret: { content: 'root password: hunter2' },
    });
  });

  it('accepts only the messages the page may send, each checked', () => {
    assert.deepStrictEqual(parseFormMessage({ type: 'ready' }), { type: 'ready' });
    assert.strictEqual(parseFormMessage({ type: 'loadCategories', productId: '../x' }), undefined);
    assert.strictEqual(parseFormMessage({ type: 'removeAttachment', index: -1 }), undefined);
    assert.strictEqual(parseFormMessage({ type: 'submit' }), undefined);
    assert.strictEqual(parseFormMessage({ type: 'openExternal', url: 'x' }), undefined);
    assert.strictEqual(
      (parseFormMessage({ type: 'submit', draft: { description: 'x', severity: 9 } }) as { draft: TicketDraft }).draft
        .severity,
      1,
    );
  });

  it('searches products by name or directory, case-insensitively, keeping the grouping', () => {
    const dirs = [
      {
        directoryId: '1',
        directoryName: 'Elastic Computing',
        products: [
          { productId: '4', productName: 'Elastic Compute Service' },
          { productId: '5', productName: 'Auto Scaling' },
        ],
      },
      {
        directoryId: '2',
        directoryName: 'Storage',
        products: [{ productId: '9', productName: 'Object Storage Service' }],
      },
    ];
    assert.deepStrictEqual(
      filterProducts(dirs, 'scal').map((d) => [d.directoryName, d.products.map((p) => p.productId)]),
      [['Elastic Computing', ['5']]],
    );
    assert.deepStrictEqual(
      filterProducts(dirs, 'STORAGE').map((d) => d.products.length),
      [1],
    );
    assert.strictEqual(filterProducts(dirs, '  ').length, 2);
  });
});

describe('new ticket: Submit against the emulator', function () {
  let emu: TicketEmulator;
  let client: TicketClient;
  const draft: TicketDraft = {
    ...EMPTY_DRAFT,
    productId: '4',
    categoryId: '7161',
    title: 'Renewal fails with InvalidOrder',
    description: 'Renewing i-bp1 fails.\nRequestId C499BB0F-630D-5BE6-B3EA-5FCD95B85503',
    severity: 2,
    secret: 'instance password: hunter2',
  };

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'empty' });
    client = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, retryBaseDelayMs: 1 });
  });
  after(async () => {
    await client.close();
    await emu.stop();
  });
  beforeEach(() => {
    emu.reset('empty');
    emu.clearRequests();
  });

  const creates = () => emu.requests.filter((r) => r.action === 'CreateTicket');

  it('creates the ticket with its category, severity and secret, in one request', async () => {
    const outcome = await submitDraft(client, draft);
    assert.strictEqual(outcome.kind, 'created');
    const ticket = await client.getTicket((outcome as { ticketId: string }).ticketId);
    assert.deepStrictEqual([ticket.title, ticket.categoryId, ticket.severity.value], [draft.title, '7161', 2]);
    assert.strictEqual(creates().length, 1);
    assert.match(
      creates()[0].query.SecretInfo ?? '',
      /hunter2/,
      'SecretInfo travels in the query, apart from the description',
    );
    assert.ok(!(creates()[0].body.Description ?? '').includes('hunter2'));
  });

  it('after a 500 it sends nothing again; when the server did create the ticket, the list finds it', async () => {
    emu.inject({ kind: 'status', status: 500, action: 'CreateTicket', times: 5 });
    const lost = await submitDraft(client, draft);
    assert.strictEqual(lost.kind, 'unconfirmed', 'no ticket with this title exists: the user is asked');
    assert.strictEqual(creates().length, 1, 'CreateTicket was not retried');

    // The server creates it, then the connection drops before the answer: the list finds it, nothing is resent.
    emu.clearFaults();
    emu.clearRequests();
    emu.inject({ kind: 'dropAfterProcessing', action: 'CreateTicket' });
    const found = await submitDraft(client, draft);
    const made = emu.allTickets().find((t) => t.title === draft.title);
    assert.ok(made, 'the emulator created the ticket before dropping the connection');
    assert.deepStrictEqual(found, { kind: 'created', ticketId: made.ticketId, confirmedBy: 'list' });
    assert.deepStrictEqual(
      emu.requests.map((r) => r.action),
      ['CreateTicket', 'ListTickets'],
    );
  });

  it('a refusal is a plain failure: nothing checked, nothing resent', async () => {
    emu.inject({ kind: 'forbidden', action: 'CreateTicket' });
    const outcome = await submitDraft(client, draft);
    assert.strictEqual(outcome.kind, 'failed');
    assert.deepStrictEqual(
      emu.requests.map((r) => r.action),
      ['CreateTicket'],
    );
  });

  it('matches a just-created ticket by title, or by the description’s first line when no title was given', () => {
    const summary = (title: string) => ({ ticketId: 'X', title, status: { value: 1 as const, label: '' } });
    assert.ok(matchesDraft(summary('Renewal fails with InvalidOrder'), draft));
    assert.ok(!matchesDraft(summary('Renewal fails'), draft));
    assert.ok(matchesDraft(summary('Renewing i-bp1 fails.'), { ...draft, title: '' }));
    assert.ok(!matchesDraft(summary(''), { ...draft, title: '' }));
  });
});

describe('new ticket: a refused e-mail address', function () {
  let emu: TicketEmulator;
  let client: TicketClient;

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'empty' });
    client = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, retryBaseDelayMs: 1 });
  });
  after(async () => {
    await client.close();
    await emu.stop();
  });

  it('is refused once, and its notification offers no Retry (the same draft can only be refused again)', async () => {
    const draft = { ...EMPTY_DRAFT, categoryId: '7161', description: 'Disk full', email: 'ops@example.invalid' };
    const outcome = await submitDraft(client, draft);
    assert.strictEqual(outcome.kind, 'failed');
    assert.strictEqual(emu.requests.filter((r) => r.action === 'CreateTicket').length, 1);
    const error = (outcome as { error: unknown }).error;
    assert.match(errorText(error), /ops@example\.invalid/);
    assert.ok(!errorActions(error).includes('retry'), `buttons: ${errorActions(error).join(', ')}`);
  });
});
