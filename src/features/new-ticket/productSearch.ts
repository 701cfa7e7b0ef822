// What the New Ticket form's product search matches: what people type for a product is often not its display name.
// They type the abbreviation ("OSS", "ECS", "SLB"), or the name in the other language ("对象存储" in an English window).
// A product is found by any of its names (the display language's and, once loaded, the other catalogue language's),
// by a word's start inside them, or by the initials of a name's words ("Object Storage Service" → OSS).
// Pure: bundled into the page script and unit-tested in Node.

/** A product as the search sees it: its name in the display language and its names in other languages. */
export interface SearchableProduct {
  productName: string;
  otherNames?: readonly string[];
}

/** Lower case, full-width letters and digits as half-width (Ｏｓｓ → oss), runs of space as one. */
function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The abbreviations a name carries: the initials of its Latin words ("Elastic Compute Service" → "ecs"), and of its
 * capitalised words only ("ApsaraDB for RDS" → "ar"), so either way of abbreviating it is found.
 */
function initialsOf(name: string): string[] {
  const words = name.normalize('NFKC').match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
  if (words.length < 2) return [];
  const all = words.map((w) => w[0]).join('');
  const capitalised = words
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
  return [...new Set([all, capitalised].filter((s) => s.length >= 2).map((s) => s.toLowerCase()))];
}

/** Whether the product is one the user means by `query` (already trimmed; empty matches everything). */
export function productMatches(product: SearchableProduct, query: string): boolean {
  const q = normalize(query);
  if (!q) return true;
  const names = [product.productName, ...(product.otherNames ?? [])];
  const compactQuery = q.replace(/[\s-]/g, '');
  return names.some((name) => {
    const n = normalize(name);
    if (n.includes(q) || n.replace(/[\s-]/g, '').includes(compactQuery)) return true;
    return compactQuery.length >= 2 && initialsOf(name).some((initials) => initials.startsWith(compactQuery));
  });
}

/** A catalogue as ListProducts answers it (src/api ProductDirectory), in one language. */
interface Catalogue {
  directoryId: string;
  directoryName: string;
  otherNames?: string[];
  products: Array<{ productId: string; productName: string; otherNames?: string[] }>;
}

/**
 * The catalogue in the display language with each directory's and product's names from `other` catalogues (the same
 * ids in another language) added as otherNames, for the search. Names equal to the shown one are left out.
 */
export function withOtherNames<T extends Catalogue>(shown: T[], others: readonly Catalogue[][]): T[] {
  const directoryNames = new Map<string, string[]>();
  const productNames = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, id: string, name: string) => map.set(id, [...(map.get(id) ?? []), name]);
  for (const catalogue of others) {
    for (const d of catalogue) {
      add(directoryNames, d.directoryId, d.directoryName);
      for (const p of d.products) add(productNames, p.productId, p.productName);
    }
  }
  const distinct = (names: string[] | undefined, shownName: string) => {
    const kept = [...new Set(names ?? [])].filter((n) => n && n !== shownName);
    return kept.length ? { otherNames: kept } : {};
  };
  return shown.map((d) => ({
    ...d,
    ...distinct(directoryNames.get(d.directoryId), d.directoryName),
    products: d.products.map((p) => ({ ...p, ...distinct(productNames.get(p.productId), p.productName) })),
  }));
}
