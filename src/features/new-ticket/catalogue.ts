// The products and categories the New Ticket form offers, loaded for the page: products in the display language with
// the other language's names beside them (so "对象存储" is found in English and "Object" in Chinese), categories on
// demand. Failures become the page's own messages. No vscode import.
import type { CatalogLanguage } from '../../api/types';
import { errorText } from '../../common/errorText';
import { t } from '../../common/l10n';
import type { NewTicketClient } from './newTicketClient';
import { withOtherNames } from './productSearch';
import type { ToFormMessage } from './protocol';

export interface CatalogueDeps {
  getClient: () => Promise<NewTicketClient | undefined>;
  language: () => CatalogLanguage;
  post: (message: ToFormMessage) => void;
}

export async function loadProducts(deps: CatalogueDeps): Promise<void> {
  try {
    const client = await deps.getClient();
    if (!client) {
      deps.post({ type: 'productsFailed', message: t('Sign in to load the products. The draft is kept.') });
      return;
    }
    // The form works without the other language's names.
    const language = deps.language();
    const other: CatalogLanguage = language === 'zh' ? 'en' : 'zh';
    const [shown, others] = await Promise.all([
      client.listProducts({ language }),
      client.listProducts({ language: other }).catch(() => []),
    ]);
    deps.post({ type: 'products', directories: withOtherNames(shown, [others]) });
  } catch (error) {
    deps.post({ type: 'productsFailed', message: errorText(error) });
  }
}

export async function loadCategories(deps: CatalogueDeps, productId: string): Promise<void> {
  try {
    const client = await deps.getClient();
    if (!client) {
      deps.post({ type: 'categoriesFailed', productId, message: t('Sign in to load the categories.') });
      return;
    }
    deps.post({
      type: 'categories',
      productId,
      categories: await client.listCategories(productId, { language: deps.language() }),
    });
  } catch (error) {
    deps.post({ type: 'categoriesFailed', productId, message: errorText(error) });
  }
}
