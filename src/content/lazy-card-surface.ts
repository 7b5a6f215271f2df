/**
 * A CardSurface that loads the real one on first need: `preload()` (the pointer reached a
 * name, so the dwell hides the load) or the first `show()`, whose request is then shown as
 * soon as the module is there — unless the card was hidden in the meantime.
 */
import type { IndexedName } from "../core/name-index";
import type { CardRequest, CardSurface, ComposeRequest } from "./card-surface";

const RETRY_MS = 10_000;

/** See the module comment. */
export class LazyCardSurface implements CardSurface {
  private surface: CardSurface | null = null;
  private loading = false;
  private pending: CardRequest | null = null;
  private pendingCompose: ComposeRequest | null = null;
  private names: readonly IndexedName[] = [];
  private retryAfter = 0;
  private hovered: string | undefined;

  /** `load` resolves to the real surface; it is called again only after a failure. */
  constructor(private readonly load: () => Promise<CardSurface>) {}

  /** True once the real surface is loaded. */
  get loaded(): boolean {
    return this.surface !== null;
  }

  preload(entityId?: string): void {
    if (this.surface) {
      this.surface.preload?.(entityId);
      return;
    }
    if (entityId !== undefined) this.hovered = entityId;
    if (this.loading || Date.now() < this.retryAfter) return;
    this.loading = true;
    this.load().then(
      (surface) => {
        this.surface = surface;
        this.loading = false;
        surface.setTrackedNames(this.names);
        // Still within the dwell: let the surface get ready before it shows.
        surface.preload?.(this.hovered);
        const request = this.pending;
        const compose = this.pendingCompose;
        this.pending = null;
        this.pendingCompose = null;
        if (compose) surface.compose(compose);
        else if (request) surface.show(request);
      },
      (error: unknown) => {
        // The page keeps its highlights; a later hover tries again (not every frame: after an
        // extension update, say, the load fails until the page is reloaded).
        this.loading = false;
        this.retryAfter = Date.now() + RETRY_MS;
        this.pending = null;
        this.pendingCompose = null;
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

  compose(request: ComposeRequest): void {
    if (this.surface) {
      this.surface.compose(request);
      return;
    }
    this.pendingCompose = request;
    this.preload();
  }

  setTrackedNames(names: readonly IndexedName[]): void {
    this.names = names;
    this.surface?.setTrackedNames(names);
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
