/* eslint-disable no-template-curly-in-string -- the templates' placeholders are written ${name}, as users write them */
// A template in use: its placeholders filled from where the ticket was started, its product and category found in
// the emulator's catalogue (over real HTTP, in either language) so the form starts with them chosen, the guessed
// product of an error's facts likewise; and a saved query as the Tickets view's filter.
import * as assert from 'assert';
import type { TicketClient } from '../../../src/api/client';
import { withErrorFacts } from '../../../src/features/error-facts/factsText';
import { mergePrefill, requestIdPrefill, selectionPrefill } from '../../../src/features/new-ticket/prefill';
import { matchProduct, withCatalogChoice } from '../../../src/features/templates/catalogChoice';
import { fillPlaceholders, templatePrefill } from '../../../src/features/templates/placeholders';
import { savedQueryFilter } from '../../../src/features/templates/savedQueries';
import { emulatorClients } from '../api/emulatorClients';

const selection = {
  text: 'db.query(sql) // times out',
  relativePath: 'src/db.ts',
  startLine: 12,
  endLine: 14,
  languageId: 'typescript',
};

describe('templates: placeholders', () => {
  it('fills the selection in a fence, its file and lines, and the RequestId', () => {
    const filled = fillPlaceholders('At ${file}:${lines}\n${selection}\nRequestId: ${requestId}', {
      selection,
      requestId: 'C499BB0F-630D-5BE6-B3EA-5FCD95B85503',
    });
    assert.strictEqual(
      filled,
      'At src/db.ts:12-14\n```typescript\ndb.query(sql) // times out\n```\nRequestId: C499BB0F-630D-5BE6-B3EA-5FCD95B85503',
    );
  });

  it('leaves placeholders it does not know as written, and empties known ones it has no value for', () => {
    assert.strictEqual(fillPlaceholders('${user} at ${file} ${requestId}!', {}), '${user} at  !');
  });

  it('puts the command’s own block below the skeleton unless the skeleton places the selection', () => {
    const prefill = selectionPrefill(selection);
    const below = templatePrefill(
      { name: 'A', description: 'What happened:', titlePrefix: '[DB]' },
      { selection, prefill },
    );
    assert.ok(below.description.startsWith('What happened:\n\nFrom src/db.ts, lines 12-14:'), below.description);
    assert.strictEqual(below.title, `[DB] ${prefill.title}`);
    const placed = templatePrefill({ name: 'B', description: 'Code:\n${selection}' }, { selection, prefill });
    assert.strictEqual(placed.description, 'Code:\n```typescript\ndb.query(sql) // times out\n```\n');
  });

  it('carries the product, category and severity for the form, which a fresh draft takes', () => {
    const prefill = templatePrefill({ name: 'C', product: 'ECS', category: 'Renewal', severity: 2 }, {});
    assert.deepStrictEqual(
      { product: prefill.product, category: prefill.category, severity: prefill.severity },
      { product: 'ECS', category: 'Renewal', severity: 2 },
    );
    const choice = { productId: '4', productName: 'Elastic Compute Service' };
    const fresh = mergePrefill({ title: '', description: '' }, { ...prefill, choice });
    assert.deepStrictEqual(
      [fresh.productId, fresh.productName, fresh.categoryId, fresh.severity],
      ['4', 'Elastic Compute Service', '', 2],
    );
    // A draft with a product and text of its own keeps both.
    const kept = mergePrefill({ title: 't', description: 'mine', productId: '21' }, { ...prefill, choice });
    assert.strictEqual(kept.productId, undefined);
    assert.strictEqual(kept.severity, undefined);
  });
});

describe('templates: the catalogue choice (emulator)', function () {
  this.timeout(20_000);
  const env = emulatorClients({ maxAttempts: 1 }, { seed: 'demo', language: 'en' });
  let client: TicketClient;
  beforeEach(() => {
    client = env.client();
  });

  it('finds a product by its name in either language, its abbreviation or its id, and a category by name', async () => {
    for (const [wanted, language] of [
      ['ApsaraDB RDS', 'en'],
      ['对象存储 OSS', 'en'],
      ['Object Storage Service', 'zh'],
      ['oss', 'zh'],
      ['21', 'en'],
    ] as const) {
      const prefill = await withCatalogChoice({ description: '', product: wanted }, client, language);
      assert.ok(prefill.choice, `${wanted} (${language})`);
    }
    const rds = await withCatalogChoice({ description: '', product: 'rds', category: 'performance' }, client, 'en');
    assert.deepStrictEqual(rds.choice, {
      productId: '26',
      productName: 'ApsaraDB RDS',
      categoryId: '7201',
      categoryName: 'Performance',
    });
    const zh = await withCatalogChoice({ description: '', product: 'Object Storage Service' }, client, 'zh');
    assert.deepStrictEqual(zh.choice, { productId: '21', productName: '对象存储 OSS' });
  });

  it('chooses nothing when the name is unclear or unknown, or the catalogue cannot be read', async () => {
    const unknown = await withCatalogChoice({ description: 'd', product: 'Quantum Computer' }, client, 'en');
    assert.strictEqual(unknown.choice, undefined);
    const catalogues = [await client.listProducts({ language: 'en' })];
    // "Service" is in two products' names: not one clear product.
    assert.strictEqual(matchProduct(catalogues, 'Service'), undefined);
    env.emu.inject({ action: 'ListProducts', kind: 'status', status: 500, times: 2 });
    const failed = await withCatalogChoice({ description: 'kept', product: 'ECS' }, client, 'en');
    assert.deepStrictEqual(failed, { description: 'kept', product: 'ECS' });
  });

  it('selects the product an error’s facts point at (the guessed product is no longer only written)', async () => {
    const prefill = withErrorFacts(requestIdPrefill('C499BB0F-630D-5BE6-B3EA-5FCD95B85503'), {
      requestId: 'C499BB0F-630D-5BE6-B3EA-5FCD95B85503',
      code: 'Forbidden.RAM',
      accessDenied: { AuthAction: 'ecs:RunInstances' },
    });
    assert.strictEqual(prefill.product, 'Elastic Compute Service (ECS)');
    for (const language of ['en', 'zh'] as const) {
      const chosen = await withCatalogChoice(prefill, client, language);
      assert.strictEqual(chosen.choice?.productId, '4', language);
    }
  });
});

describe('templates: saved queries', () => {
  const now = new Date(2026, 11, 5, 12).getTime();
  it('become the Filter’s statuses, keyword and dates (presets from now, ranges as typed)', () => {
    assert.deepStrictEqual(savedQueryFilter({ name: 'a', statuses: ['wait_feedback'], keyword: 'timeout' }, now), {
      ok: true,
      filter: { statuses: ['wait_feedback'], keyword: 'timeout' },
    });
    const last30 = savedQueryFilter({ name: 'b', created: 'last30' }, now);
    assert.ok(last30.ok && last30.filter.endDate === now && last30.filter.startDate === now - 30 * 86_400_000);
    const range = savedQueryFilter({ name: 'c', created: '2026-11-01 to 2026-11-27' }, now);
    assert.ok(range.ok && range.filter.startDate === new Date(2026, 10, 1).getTime());
  });

  it('names the query whose dates cannot be read', () => {
    const bad = savedQueryFilter({ name: 'Broken', created: 'yesterday-ish' }, now);
    assert.ok(!bad.ok && /Saved query “Broken”: "yesterday-ish" is not a date/.test(bad.message), JSON.stringify(bad));
  });
});
