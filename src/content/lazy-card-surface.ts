/**
 * A CardSurface that loads the real one on first need: `preload()` (the pointer reached a
 * name, so the dwell hides the load) or the first `show()`, whose request is then shown as
 * soon as the module is there — unless the card was hidden in the meantime.
 */
import type { CardRequest, CardSurface } from "./card-surface";

/** See the module comment. */
export class LazyCardSurface implements CardSurface {
  private surface: CardSurface | null = null;
  private loading = false;
  private pending: CardRequest | null = null;

  /** `load` resolves to the real surface; it is called again only after a failure. */
  constructor(private readonly load: () => Promise<CardSurface>) {}

  /** True once the real surface is loaded. */
  get loaded(): boolean {
    return this.surface !== null;
  }

  preload(): void {
    if (this.surface || this.loading) return;
    this.loading = true;
    this.load().then(
      (surface) => {
        this.surface = surface;
        this.loading = false;
        const request = this.pending;
        this.pending = null;
        if (request) surface.show(request);
      },
      (error: unknown) => {
        // The page keeps its highlights; the next hover tries again.
        this.loading = false;
        this.pending = null;
        console.error("Context Cards: the card could not be loaded.", error);
      },
    );
  }

  show(request: CardRequest): void {
    if (this.surface) {
      this.surface.show(request);
      return;
    }
    this.pending = request;
    this.preload();
  }

  hide(): void {
    this.pending = null;
    this.surface?.hide();
  }

  destroy(): void {
    this.pending = null;
    this.surface?.destroy();
  }

  contains(target: EventTarget | null): boolean {
    return this.surface?.contains(target) ?? false;
  }

  hasFocus(): boolean {
    return this.surface?.hasFocus() ?? false;
  }

  focusCard(): void {
    this.surface?.focusCard();
  }
}
