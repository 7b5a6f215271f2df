/**
 * One named highlight in the page's CSS Custom Highlight registry, holding StaticRanges
 * (they cost nothing when the page mutates, unlike live Ranges). The registry is shared
 * with the page, which may remove or replace our entry: `ensureRegistered` puts it back.
 */

/** Prefix of every highlight name we register; styles live in content.css. */
export const HIGHLIGHT_PREFIX = "context-cards";

/** A highlight we own, registered under `name`. */
export class HighlightLayer {
  private readonly highlight = new Highlight();

  /** Registers an empty highlight under `name` in `registry` (normally `CSS.highlights`). */
  constructor(
    private name: string,
    private readonly registry: HighlightRegistry,
  ) {
    this.ensureRegistered();
  }

  /** The name it is registered under (which selects its style). */
  get registeredName(): string {
    return this.name;
  }

  /** Moves the same ranges to another name, i.e. another style. */
  rename(name: string): void {
    if (name === this.name) return;
    this.unregister();
    this.name = name;
    this.ensureRegistered();
  }

  /** Number of ranges shown. */
  get size(): number {
    return this.highlight.size;
  }

  /** Shows `range`. */
  add(range: AbstractRange): void {
    this.highlight.add(range);
  }

  /** Stops showing `range`. */
  delete(range: AbstractRange): void {
    this.highlight.delete(range);
  }

  /** Stops showing everything; the name stays registered. */
  clear(): void {
    this.highlight.clear();
  }

  /** Puts our highlight back under its name if the page removed or replaced it; true if it had to. */
  ensureRegistered(): boolean {
    if (this.registry.get(this.name) === this.highlight) return false;
    this.registry.set(this.name, this.highlight);
    return true;
  }

  /** Removes our highlight from the registry (when the extension is paused or unloaded). */
  unregister(): void {
    if (this.registry.get(this.name) === this.highlight) this.registry.delete(this.name);
  }
}
