// ListProducts and ListCategories over a small product tree with Chinese, English and Japanese names.
import { illegalParam, Outcome, success } from '../wire';
import type { ActionContext } from './context';

type CatalogLanguage = 'zh' | 'en' | 'jp';
type Localized = Record<CatalogLanguage, string>;

export const PRODUCT_DIRECTORIES: Array<{
  id: number;
  name: Localized;
  products: Array<{ id: number; name: Localized; categories: Array<{ id: number; name: Localized }> }>;
}> = [
  {
    id: 1,
    name: { zh: '弹性计算', en: 'Elastic Computing', jp: 'エラスティックコンピューティング' },
    products: [
      {
        id: 4,
        name: { zh: '云服务器 ECS', en: 'Elastic Compute Service', jp: 'Elastic Compute Service (ECS)' },
        categories: [
          { id: 7161, name: { zh: '续费与计费', en: 'Renewal and billing', jp: '更新と課金' } },
          { id: 7162, name: { zh: '实例无法启动', en: 'Instance fails to start', jp: 'インスタンスが起動しない' } },
        ],
      },
      {
        id: 9,
        name: { zh: '负载均衡 SLB', en: 'Server Load Balancer', jp: 'Server Load Balancer (SLB)' },
        categories: [{ id: 7410, name: { zh: '健康检查', en: 'Health check', jp: 'ヘルスチェック' } }],
      },
    ],
  },
  {
    id: 2,
    name: { zh: '存储与数据库', en: 'Storage and Databases', jp: 'ストレージとデータベース' },
    products: [
      {
        id: 21,
        name: { zh: '对象存储 OSS', en: 'Object Storage Service', jp: 'Object Storage Service (OSS)' },
        categories: [{ id: 7302, name: { zh: '访问权限', en: 'Access and permissions', jp: 'アクセスと権限' } }],
      },
      {
        id: 26,
        name: { zh: '云数据库 RDS', en: 'ApsaraDB RDS', jp: 'ApsaraDB RDS' },
        categories: [{ id: 7201, name: { zh: '性能问题', en: 'Performance', jp: 'パフォーマンス' } }],
      },
    ],
  },
];

/** Language=zh|en|jp; anything else (or none) answers in the emulator's label language. */
function catalogLanguage(ctx: ActionContext): CatalogLanguage {
  const requested = ctx.params.get('Language');
  return requested === 'zh' || requested === 'en' || requested === 'jp' ? requested : ctx.language;
}

export function listProducts(ctx: ActionContext): Outcome {
  const language = catalogLanguage(ctx);
  const name = (ctx.params.get('Name') ?? '').toLowerCase();
  const data = PRODUCT_DIRECTORIES.map((d) => ({
    DirectoryId: d.id,
    DirectoryName: d.name[language],
    ProductList: d.products
      // fuzzy over every language, so "oss" finds 对象存储 OSS / Object Storage Service
      .filter((p) => !name || Object.values(p.name).some((n) => n.toLowerCase().includes(name)))
      .map((p) => ({ ProductId: p.id, ProductName: p.name[language] })),
  })).filter((d) => d.ProductList.length > 0);
  return { status: 200, body: { ...success(ctx.requestId), Data: data } };
}

export function listCategories(ctx: ActionContext): Outcome {
  const language = catalogLanguage(ctx);
  const productId = ctx.params.get('ProductId');
  if (!productId) return illegalParam(ctx.requestId, 'Illegal param: ProductId is required.');
  const product = PRODUCT_DIRECTORIES.flatMap((d) => d.products).find((p) => String(p.id) === productId);
  if (!product) return illegalParam(ctx.requestId, `Illegal param: product ${productId} does not exist.`);
  const name = (ctx.params.get('Name') ?? '').toLowerCase();
  const data = product.categories
    .filter((c) => !name || c.name[language].toLowerCase().includes(name))
    .map((c) => ({ CategoryId: c.id, CategoryName: c.name[language] }));
  return { status: 200, body: { ...success(ctx.requestId), Data: data } };
}
