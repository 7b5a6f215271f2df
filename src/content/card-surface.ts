/**
 * The seam between the content script and the card UI. The content script (scanning,
 * hit-testing, hover intent) speaks only this interface; the card itself — Preact, Floating
 * UI and the knowledge packs' facts — lives in a separate module loaded on first use, so
 * pages where nobody hovers a name never pay for it.
 */
import type { IndexedName } from "../core/name-index";
import type { ClipDraft, TrackDraft } from "../ui/card/composer";
import type { EntityCardProps } from "../ui/card/entity-card";

/** What a card shows, minus the knowledge and strings the card module holds itself. */
export type CardView = Omit<EntityCardProps, "index" | "packs" | "t">;

/** A stretch of text a card opens next to, as [node, start, end]. */
export interface TextAnchor {
  node: Text;
  start: number;
  end: number;
}

/**
 * Where a composer opens: next to text, or at the top of an element's part in view (the
 * frame of another origin the words were selected in, which the content script cannot read).
 */
export type ComposeAnchor = TextAnchor | { element: Element };

/** What the surface needs to show a card next to a point of text. */
export interface CardRequest {
  card: CardView;
  /** The text the card belongs to. */
  anchor: TextAnchor;
  /** The point the pointer is at, for names that wrap across lines. */
  pointer?: { x: number; y: number } | undefined;
  /** Move keyboard focus into the card (when opened from the keyboard). */
  focus: boolean;
}

/** A note or a name to start from the user's selection (the context menu's entries). */
export interface ComposeRequest {
  draft: ClipDraft | TrackDraft;
  /** The selected words with up to 64 characters around them, for the link back. */
  quote?: { exact: string; prefix: string; suffix: string } | undefined;
  /** Where the selection is: the card opens next to its start (or next to its frame). */
  anchor: ComposeAnchor;
  page: { url: string; title: string };
}

/** Where cards appear. `show` and `destroy` are paired. */
export interface CardSurface {
  /** Renders the card for `request` next to its anchor (replacing any card shown). */
  show(request: CardRequest): void;
  /** Hides the card. */
  hide(): void;
  /** Removes everything the surface added to the page. */
  destroy(): void;
  /** True when `target` is the surface's own element (events from inside the card retarget to it). */
  contains(target: EventTarget | null): boolean;
  /** True when keyboard focus is inside the card. */
  hasFocus(): boolean;
  /** Moves keyboard focus into the card. */
  focusCard(): void;
  /** A hint that a card may be needed soon: the pointer is on a name (`entityId`'s). */
  preload?(entityId?: string): void;
  /**
   * Opens a card to add a note from, or track, the selection. It stays until saved or
   * cancelled; meanwhile `show` and `hide` from hovering are ignored.
   */
  compose(request: ComposeRequest): void;
  /** The user's tracked names changed (cards show them like any name). */
  setTrackedNames(names: readonly IndexedName[]): void;
}
