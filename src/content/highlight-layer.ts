/**
 * One named highlight in the page's CSS Custom Highlight registry, holding StaticRanges
 * (they cost nothing when the page mutates, unlike live Ranges). It is registered when it
 * first holds a range, so a page without names gets no entry of ours at all. The registry is
 * shared with the page, which may remove or replace our entry: `ensureRegistered` puts it back.
 */

/** Prefix of every highlight name we register; styles live in content.css. */
export const HIGHLIGHT_PREFIX = "context-cards";

/** A highlight we own, registered under `name`. */
export class HighlightLayer {
  private readonly highlight = new Highlight();
  /** Registered since its first range (until `unregister`). */
  private wanted = false;

  /**
   * A layer for the registry `registry()` returns (normally `CSS.highlights`, asked for only
   * once there is a range to show), to be registered under `name` once it holds a range.
   */
  constructor(
    private name: string,
    private readonly registry: () => HighlightRegistry,
  ) {}

  /** The name it is registered under (which selects its style). */
  get registeredName(): string {
    return this.name;
  }

  /** Moves the same ranges to another name, i.e. another style. */
  rename(name: string): void {
    if (name === this.name) return;
    const wanted = this.wanted;
    this.unregister();
    this.name = name;
    this.wanted = wanted;
    this.ensureRegistered();
  }

  /** Number of ranges shown. */
  get size(): number {
    return this.highlight.size;
  }

  /** Shows `range`. */
  add(range: AbstractRange): void {
    this.highlight.add(range);
    if (!this.wanted) {
      this.wanted = true;
      this.ensureRegistered();
    }
  }

  /** Stops showing `range`. */
  delete(range: AbstractRange): void {
    this.highlight.delete(range);
  }

  /** Stops showing everything; the name stays registered. */
  clear(): void {
    this.highlight.clear();
  }

  /**
   * Puts our highlight back under its name if the page removed or replaced it; true if it had
   * to. Does nothing for a layer that has not held a range yet.
   */
  ensureRegistered(): boolean {
    if (!this.wanted) return false;
    const registry = this.registry();
    if (registry.get(this.name) === this.highlight) return false;
    registry.set(this.name, this.highlight);
    return true;
  }

  /** Removes our highlight from the registry (when the extension is paused or unloaded). */
  unregister(): void {
    // A layer that never held a range was never registered.
    if (!this.wanted) return;
    this.wanted = false;
    const registry = this.registry();
    if (registry.get(this.name) === this.highlight) registry.delete(this.name);
  }
}
