// A panel's category name ("ECS / Renewal") when the stored catalogue does not know it yet: asked for only after the
// page painted the ticket. The catalogue's first load is a request per product (five or more), which the first paint
// of a window's first panel must not wait behind.
import type { CategoryNames } from '../../tickets/categoryNames';

export class CategoryAfterPaint {
  private pending: string | undefined;

  constructor(
    private readonly categories: () => CategoryNames | undefined,
    private readonly show: (categoryId: string, name: string) => void,
    private readonly warn: (error: unknown) => void,
  ) {}

  /** The name if the stored catalogue knows it (never a request); otherwise it is looked up after the next paint. */
  known(categoryId: string): string | undefined {
    const name = categoryId ? this.categories()?.peek(categoryId) : undefined;
    this.pending = name ? undefined : categoryId || undefined;
    return name;
  }

  /** The page painted what it was sent: the name not known before is looked up now, once. */
  painted(): void {
    const categoryId = this.pending;
    this.pending = undefined;
    if (!categoryId) return;
    this.categories()
      ?.lookup(categoryId)
      .then((name) => name && this.show(categoryId, name), this.warn);
  }
}
