// New Ticket's product search finds what people type: the abbreviation (OSS, ECS, SLB), the other language's name
// (对象存储 in an English window, "Object Storage" in a Chinese one), a word of the name. The catalogues come from the
// emulator over real HTTP, in both languages, merged as the form merges them.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import { withOtherNames } from '../../../src/features/new-ticket/productSearch';
import { filterProducts, type FormDirectory } from '../../../src/features/new-ticket/protocol';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';

describe('new ticket: product search', function () {
  this.timeout(20_000);
  let emu: TicketEmulator;
  let client: TicketClient;
  let english: FormDirectory[];
  let chinese: FormDirectory[];

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'demo', language: 'en' });
    client = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, maxAttempts: 1 });
    const en = await client.listProducts({ language: 'en' });
    const zh = await client.listProducts({ language: 'zh' });
    english = withOtherNames(en, [zh]);
    chinese = withOtherNames(zh, [en]);
  });
  after(async () => {
    await client.close();
    await emu.stop();
  });

  const found = (directories: FormDirectory[], query: string) =>
    filterProducts(directories, query).flatMap((d) => d.products.map((p) => p.productName));

  it('in English: abbreviations and the Chinese names find the product, shown by its English name', () => {
    assert.deepStrictEqual(found(english, 'OSS'), ['Object Storage Service']);
    assert.deepStrictEqual(found(english, 'ecs'), ['Elastic Compute Service']);
    assert.deepStrictEqual(found(english, 'SLB'), ['Server Load Balancer']);
    assert.deepStrictEqual(found(english, 'rds'), ['ApsaraDB RDS']);
    assert.deepStrictEqual(found(english, '对象存储'), ['Object Storage Service']);
    assert.deepStrictEqual(found(english, '负载均衡'), ['Server Load Balancer']);
    assert.deepStrictEqual(found(english, ' load bal '), ['Server Load Balancer']);
  });

  it('in Chinese: English names and abbreviations find the product, shown by its Chinese name', () => {
    assert.deepStrictEqual(found(chinese, 'Object Storage'), ['对象存储 OSS']);
    assert.deepStrictEqual(found(chinese, 'slb'), ['负载均衡 SLB']);
    assert.deepStrictEqual(found(chinese, 'Ｅｃｓ'), ['云服务器 ECS'], 'full-width letters as typed by a Chinese IME');
    assert.deepStrictEqual(found(chinese, '对象'), ['对象存储 OSS']);
  });

  it('a directory name finds all its products; nonsense finds nothing; an empty query shows everything', () => {
    assert.deepStrictEqual(found(english, 'storage and'), ['Object Storage Service', 'ApsaraDB RDS']);
    assert.deepStrictEqual(found(english, '存储与数据库'), ['Object Storage Service', 'ApsaraDB RDS']);
    assert.deepStrictEqual(found(english, 'xyzzy'), []);
    assert.strictEqual(found(english, '  ').length, 4);
  });

  it('works without the other language (it failed to load): the names and abbreviations of the shown one', async () => {
    const alone = withOtherNames(await client.listProducts({ language: 'en' }), []);
    assert.deepStrictEqual(found(alone, 'oss'), ['Object Storage Service']);
    assert.deepStrictEqual(found(alone, '对象存储'), []);
  });
});
