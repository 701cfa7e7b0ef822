// A product and category named in words (a team template's "ApsaraDB RDS", the "Elastic Compute Service (ECS)" an
// error's facts point at) found in the catalogue, so the New Ticket form starts with them chosen. Only a single clear
// match is taken: a wrong product sends the ticket to the wrong team, so an unclear name leaves the choice to the
// user. No vscode import.
import type { CatalogLanguage, ProductDirectory, TicketCategory } from '../../api/types';
import type { CatalogClient } from '../../tickets/categoryNames';
import type { CatalogChoice, Prefill } from '../new-ticket/prefill';

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** "Elastic Compute Service (ECS)" -> ["elastic compute service (ecs)", "elastic compute service", "ecs"]. */
function namesOf(wanted: string): { whole: string; bare: string; abbreviation?: string } {
  const whole = normalize(wanted);
  const match = /^(.*?)\s*[(（]\s*([a-z0-9-]{2,12})\s*[)）]$/.exec(whole);
  return match ? { whole, bare: match[1], abbreviation: match[2] } : { whole, bare: whole };
}

/** How well `name` is what the user wrote: 3 exactly, 2 without the abbreviation, 1 by the abbreviation alone. */
function score(name: string, wanted: ReturnType<typeof namesOf>): number {
  const n = normalize(name);
  if (n === wanted.whole) return 3;
  const own = namesOf(name);
  if (wanted.bare && (own.bare === wanted.bare || n === wanted.bare)) return 2;
  const abbreviation = wanted.abbreviation ?? (/^[a-z0-9-]{2,12}$/.test(wanted.whole) ? wanted.whole : undefined);
  if (abbreviation && (own.abbreviation === abbreviation || n.split(/[\s/]+/).includes(abbreviation))) return 1;
  return 0;
}

/** The one item whose id is `wanted`, or whose name matches best and alone; undefined when none or several do. */
function best<T>(items: T[], wanted: string, id: (item: T) => string, names: (item: T) => string[]): T | undefined {
  const trimmed = wanted.trim();
  if (!trimmed) return undefined;
  const byId = items.find((item) => id(item) === trimmed);
  if (byId) return byId;
  const target = namesOf(trimmed);
  const scored = items
    .map((item) => ({ item, score: Math.max(0, ...names(item).map((name) => score(name, target))) }))
    .filter((s) => s.score > 0);
  const top = Math.max(0, ...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === top);
  return winners.length === 1 ? winners[0].item : undefined;
}

type CatalogProduct = { productId: string; productName: string; otherNames?: string[] };

/** The product `wanted` names (its id, its name in any of the catalogues given, or its abbreviation), when clear. */
export function matchProduct(catalogues: ProductDirectory[][], wanted: string): CatalogProduct | undefined {
  const [shown, ...others] = catalogues;
  const otherNames = new Map<string, string[]>();
  for (const catalogue of others)
    for (const d of catalogue)
      for (const p of d.products) otherNames.set(p.productId, [...(otherNames.get(p.productId) ?? []), p.productName]);
  const products = (shown ?? []).flatMap((d) =>
    d.products.map((p) => ({ ...p, otherNames: otherNames.get(p.productId) ?? [] })),
  );
  return best(
    products,
    wanted,
    (p) => p.productId,
    (p) => [p.productName, ...p.otherNames],
  );
}

export function matchCategory(categories: TicketCategory[], wanted: string): TicketCategory | undefined {
  return best(
    categories,
    wanted,
    (c) => c.categoryId,
    (c) => [c.categoryName],
  );
}

/**
 * The prefill with `choice` set when its product (and category) name something in the catalogue. One ListProducts
 * per catalogue language, one ListCategories when a category is named; a failure (signed out, offline) leaves the
 * choice to the user, with everything else kept.
 */
export async function withCatalogChoice(
  prefill: Prefill,
  client: CatalogClient | undefined,
  language: CatalogLanguage,
): Promise<Prefill> {
  if (!prefill.product || !client) return prefill;
  try {
    const other: CatalogLanguage = language === 'zh' ? 'en' : 'zh';
    const [shown, others] = await Promise.all([
      client.listProducts({ language }),
      client.listProducts({ language: other }).catch(() => []),
    ]);
    const product = matchProduct([shown, others], prefill.product);
    if (!product) return prefill;
    const choice: CatalogChoice = { productId: product.productId, productName: product.productName };
    if (prefill.category) {
      const category = matchCategory(await client.listCategories(product.productId, { language }), prefill.category);
      if (category) Object.assign(choice, { categoryId: category.categoryId, categoryName: category.categoryName });
    }
    return { ...prefill, choice };
  } catch {
    return prefill;
  }
}
