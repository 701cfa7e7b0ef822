// Category names ("ECS / Renewal") for the category ids tickets carry, from ListProducts and ListCategories. The whole
// catalogue is fetched at most once per TTL and kept in the signed-in account's scope (common/accountScope.ts), so it
// survives restarts and goes with the account; a ticket's category id then costs nothing. Past the TTL the stored
// catalogue still names what it lists (stored(), and lookup() when the server cannot be reached): a category the user
// saw named before stays named offline, never its bare id. No vscode import: the storage is passed in.
import type { CatalogLanguage, ProductDirectory, RequestOptions, TicketCategory } from '../api/types';
import { signedOutError } from '../api/errors';
import { toTicketApiError } from './sharedRequests';

export interface CatalogClient {
  listProducts(query?: { language?: CatalogLanguage }, options?: RequestOptions): Promise<ProductDirectory[]>;
  listCategories(
    productId: string,
    query?: { language?: CatalogLanguage },
    options?: RequestOptions,
  ): Promise<TicketCategory[]>;
}

/** A Memento-like store (an account scope's memento). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

interface StoredCatalog {
  fetchedAt: number;
  language: CatalogLanguage;
  /** categoryId -> "Product / Category" */
  names: Record<string, string>;
}

/** The key in the account's scope. */
export const CATEGORY_STORE_KEY = 'categoryNames';
/** The catalogue changes rarely: fetched again after a week. */
export const CATEGORY_TTL_MS = 7 * 24 * 3600_000;
/** Categories fetched at once while building the catalogue (one request per product). */
const PARALLEL = 4;

export interface CategoryNamesOptions {
  getClient: () => Promise<CatalogClient | undefined> | CatalogClient | undefined;
  /** The signed-in account's store; undefined while signed out (nothing is kept then). */
  store: () => KeyValueStore | undefined;
  language?: CatalogLanguage;
  ttlMs?: number;
  now?: () => number;
}

export class CategoryNames {
  private loading: Promise<StoredCatalog> | undefined;

  constructor(private readonly options: CategoryNamesOptions) {}

  /** The name if the stored catalogue knows it and is fresh; never a request. */
  peek(categoryId: string): string | undefined {
    const catalog = this.fresh();
    return catalog?.names[categoryId];
  }

  /** The name the stored catalogue gives, however old it is (in this window's language); never a request. */
  stored(categoryId: string): string | undefined {
    return categoryId ? this.storedCatalog()?.names[categoryId] : undefined;
  }

  /**
   * The name for `categoryId`; undefined when the catalogue does not list it. Loads the catalogue when stale; when that
   * load fails, the stale catalogue's name (if it has one) rather than the error.
   */
  async lookup(categoryId: string): Promise<string | undefined> {
    if (!categoryId) return undefined;
    const fresh = this.fresh();
    if (fresh) return fresh.names[categoryId];
    try {
      return (await this.load()).names[categoryId];
    } catch (error) {
      const known = this.stored(categoryId);
      if (known) return known;
      throw error;
    }
  }

  private fresh(): StoredCatalog | undefined {
    const stored = this.storedCatalog();
    const now = (this.options.now ?? Date.now)();
    const ttl = this.options.ttlMs ?? CATEGORY_TTL_MS;
    if (!stored || now - stored.fetchedAt > ttl || stored.fetchedAt > now) return undefined;
    return stored;
  }

  /** The catalogue kept for this account in this window's language, whatever its age. */
  private storedCatalog(): StoredCatalog | undefined {
    const stored = this.options.store()?.get<StoredCatalog>(CATEGORY_STORE_KEY);
    if (!stored || typeof stored.fetchedAt !== 'number' || !stored.names || typeof stored.names !== 'object')
      return undefined;
    return stored.language === this.language() ? stored : undefined;
  }

  private language(): CatalogLanguage {
    return this.options.language ?? 'en'; // l10n-exempt: a language code
  }

  /** One catalogue load at a time, whoever asks. */
  private load(): Promise<StoredCatalog> {
    if (!this.loading) {
      this.loading = this.fetchCatalog().finally(() => (this.loading = undefined));
    }
    return this.loading;
  }

  private async fetchCatalog(): Promise<StoredCatalog> {
    // The account the catalogue is fetched for keeps it, even if another is signed in when it arrives.
    const store = this.options.store();
    const client = await this.options.getClient();
    if (!client) throw signedOutError();
    const language = this.language();
    try {
      const directories = await client.listProducts({ language });
      const products = directories.flatMap((d) => d.products);
      const names: Record<string, string> = {};
      for (let i = 0; i < products.length; i += PARALLEL) {
        const batch = products.slice(i, i + PARALLEL);
        const answers = await Promise.all(batch.map((p) => client.listCategories(p.productId, { language })));
        batch.forEach((product, j) => {
          for (const category of answers[j])
            names[category.categoryId] = `${product.productName} / ${category.categoryName}`;
        });
      }
      const catalog: StoredCatalog = { fetchedAt: (this.options.now ?? Date.now)(), language, names };
      await store?.update(CATEGORY_STORE_KEY, catalog);
      return catalog;
    } catch (error) {
      throw toTicketApiError(error);
    }
  }
}

/** The Ticket API's language for product and category names, from VS Code's display language. */
export function catalogLanguage(displayLanguage: string): CatalogLanguage {
  const lang = displayLanguage.toLowerCase();
  // Codes of the API's Language parameter, not words.
  if (lang.startsWith('zh')) return 'zh'; // l10n-exempt
  if (lang === 'ja' || lang.startsWith('ja-')) return 'jp'; // l10n-exempt
  return 'en'; // l10n-exempt
}
