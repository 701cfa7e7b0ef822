// A panel's category name ("ECS / Renewal") when the stored catalogue does not know it yet: asked for only after the
// page painted the ticket. The catalogue's first load is a request per product (five or more), which the first paint
// of a window's first panel must not wait behind. A page that never says it painted (a panel in a background tab, whose
// page VS Code may have unloaded) gets the name after a short wait instead of never. A catalogue past its TTL still
// names the category at once (then it is loaded again after the paint), and offline it is all there is.
import type { CategoryNames } from '../../tickets/categoryNames';

export class CategoryAfterPaint {
  private pending: string | undefined;
  private fallback: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly categories: () => CategoryNames | undefined,
    private readonly show: (categoryId: string, name: string) => void,
    private readonly warn: (error: unknown) => void,
    private readonly paintWaitMs = 1500,
  ) {}

  /**
   * The name if the stored catalogue knows it (never a request); unless that catalogue is fresh, it is looked up after
   * the next paint (meanwhile a stale catalogue's name is returned).
   */
  known(categoryId: string): string | undefined {
    const name = categoryId ? this.categories()?.peek(categoryId) : undefined;
    this.pending = name ? undefined : categoryId || undefined;
    if (this.pending && !this.fallback) {
      this.fallback = setTimeout(() => this.painted(), this.paintWaitMs);
      this.fallback.unref?.();
    }
    return name ?? this.stored(categoryId);
  }

  /** The name the stored catalogue gives, however old (a panel showing its offline copy); asks nothing, now or later. */
  stored(categoryId: string): string | undefined {
    return categoryId ? this.categories()?.stored(categoryId) : undefined;
  }

  /** The page painted what it was sent: the name not known before is looked up now, once. */
  painted(): void {
    clearTimeout(this.fallback);
    this.fallback = undefined;
    const categoryId = this.pending;
    this.pending = undefined;
    if (!categoryId) return;
    this.categories()
      ?.lookup(categoryId)
      .then((name) => name && this.show(categoryId, name), this.warn);
  }

  /** The panel closed: no name is looked up for it any more. */
  dispose(): void {
    clearTimeout(this.fallback);
    this.fallback = undefined;
    this.pending = undefined;
  }
}
