/**
 * Glue between the page and the card: pointer moves (at most one per frame, passive
 * listeners on the document only) → hit-test → hover intent → the card host. Also clicks and
 * taps (open pinned), Escape (close, focus back where it was), and keyboard navigation from
 * mention to mention (the extension's commands).
 */
import { DEFAULT_HOVER_INTENT, HoverIntent, type HoverIntentOptions } from "../core/hover-intent";
import type { FocusMentionMessage } from "../core/messages";
import type { CardSurface } from "./card-surface";
import type { HighlightLayer } from "./highlight-layer";
import { findMentionAt } from "./hit-test";
import type { TrackedMention } from "./page-scanner";

/** The scanner's view the cards need: mentions by node, in order, and counts. */
export interface MentionSource {
  confirmedMentions(): Iterable<TrackedMention>;
  mentionsIn(node: Text): readonly TrackedMention[];
  countOf(entityId: string): number;
}

/** How to move to a mention: see `CardController.focusMention`. */
export type FocusStep = Pick<FocusMentionMessage, "entityId" | "focus" | "restart" | "stopAtEnd">;

/** What the controller works with. */
export interface CardControllerDeps {
  doc: Document;
  scanner: MentionSource;
  host: CardSurface;
  /** Paints the mention reached with the keyboard. */
  currentLayer: HighlightLayer;
  intent?: HoverIntentOptions;
  /** Paint the name under the pointer on the current layer (when names are hidden until hover). */
  markOnHover?: boolean;
  /** Whether mentions of `entityId` may be painted at all (all may when absent); see PageScanner. */
  paints?: (entityId: string) => boolean;
}

// Movement up to this many px between pointerdown and pointerup still counts as a click.
const CLICK_SLOP_PX = 6;

/** See the module comment. */
export class CardController {
  private intent: HoverIntent<TrackedMention>;
  private markOnHover: boolean;
  private shownEntityId: string | null = null;
  private shownAnchor: TrackedMention | null = null;
  private pendingMove: PointerEvent | null = null;
  private frameRequested = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pointerDown: { x: number; y: number } | null = null;
  private returnFocusTo: Element | null = null;
  private current: TrackedMention | null = null;
  /** Where keyboard (and popup) navigation last went; survives closing the card. */
  private cursor: TrackedMention | null = null;
  private focusNext = false;
  private rendered: { anchor: TrackedMention; entityId: string; pinned: boolean } | null = null;
  private readonly abort = new AbortController();

  constructor(private readonly deps: CardControllerDeps) {
    this.intent = new HoverIntent(deps.intent ?? DEFAULT_HOVER_INTENT);
    this.markOnHover = deps.markOnHover ?? false;
  }

  /** Applies new hover timing and hover marking (settings changed); closes any open card. */
  configure(options: { dwellMs: number; markOnHover: boolean }): void {
    this.close();
    this.intent = new HoverIntent({ ...DEFAULT_HOVER_INTENT, dwellMs: options.dwellMs });
    this.markOnHover = options.markOnHover;
  }

  /** Starts listening (passive, on the document and window only). */
  start(): void {
    const options = { passive: true, capture: true, signal: this.abort.signal };
    const { doc } = this.deps;
    doc.addEventListener("pointermove", (e) => this.queueMove(e), options);
    doc.addEventListener("pointerdown", (e) => this.onPointerDown(e), options);
    doc.addEventListener("pointerup", (e) => this.onPointerUp(e), options);
    doc.addEventListener("keydown", (e) => this.onKeyDown(e), options);
    doc.defaultView?.addEventListener("pagehide", () => this.close(), options);
  }

  /** Stops listening and removes the card. */
  stop(): void {
    this.abort.abort();
    clearTimeout(this.timer);
    this.deps.host.destroy();
  }

  /**
   * Moves to the next (or previous) mention in document order — of `entityId` only, when given —
   * scrolls it into view, marks it as current and opens its card pinned (with focus inside when
   * `focus`, the default). From the first (last) mention with `restart`; past the last (first)
   * one it wraps around, or with `stopAtEnd` closes the card and forgets where it was (the walk
   * goes on in another frame). False when it did not move.
   */
  focusMention(direction: "next" | "previous", step: FocusStep = {}): boolean {
    const { entityId, focus = true, restart = false, stopAtEnd = false } = step;
    const mentions = [...this.deps.scanner.confirmedMentions()]
      .filter((m) => entityId === undefined || m.entityId === entityId)
      .sort(compareMentions);
    if (restart) this.cursor = null;
    if (mentions.length === 0) return false;
    const at = this.cursor ? mentions.indexOf(this.cursor) : -1;
    const atEnd = at !== -1 && (direction === "next" ? at === mentions.length - 1 : at === 0);
    if (stopAtEnd && atEnd) {
      this.close();
      this.cursor = null;
      return false;
    }
    let nextIndex: number;
    if (at === -1) nextIndex = direction === "next" ? 0 : mentions.length - 1;
    else nextIndex = (at + (direction === "next" ? 1 : -1) + mentions.length) % mentions.length;
    const mention = mentions[nextIndex] as TrackedMention;
    this.cursor = mention;
    mention.node.parentElement?.scrollIntoView({ block: "center", inline: "nearest" });
    if (focus && !this.deps.host.hasFocus()) this.returnFocusTo = this.deps.doc.activeElement;
    this.focusNext = focus;
    this.apply(this.intent.pin(mention));
    this.setCurrent(mention);
    return true;
  }

  /** Closes the card (and returns focus where it was, if the card had it). */
  close(): void {
    const hadFocus = this.deps.host.hasFocus();
    this.apply(this.intent.close());
    this.setCurrent(null);
    if (hadFocus && this.returnFocusTo instanceof HTMLElement)
      this.returnFocusTo.focus({ preventScroll: true });
    this.returnFocusTo = null;
  }

  private queueMove(event: PointerEvent): void {
    if (event.pointerType === "touch") return;
    this.pendingMove = event;
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      const move = this.pendingMove;
      this.pendingMove = null;
      if (move) this.handleMove(move);
    });
  }

  private handleMove(event: PointerEvent): void {
    if (this.deps.host.contains(event.target)) {
      this.apply(this.intent.pointerOverCard());
      return;
    }
    const mention = findMentionAt(this.deps.doc, this.deps.scanner, event.clientX, event.clientY);
    // The card module loads while the pointer dwells, so the first card is not late.
    if (mention) this.deps.host.preload?.(mention.entityId);
    if (this.markOnHover && this.intent.state.target === null) this.setCurrent(mention);
    const selection = this.deps.doc.getSelection();
    const blocked = event.buttons !== 0 || (selection !== null && !selection.isCollapsed);
    this.apply(this.intent.pointerMoved(event.clientX, event.clientY, event.timeStamp, mention, blocked));
  }

  private onPointerDown(event: PointerEvent): void {
    this.pointerDown = { x: event.clientX, y: event.clientY };
    if (this.deps.host.contains(event.target)) return;
    // A press outside the card and its name dismisses a pinned card.
    const state = this.intent.state;
    if (
      state.pinned &&
      findMentionAt(this.deps.doc, this.deps.scanner, event.clientX, event.clientY) === null
    ) {
      this.close();
    }
  }

  private onPointerUp(event: PointerEvent): void {
    const down = this.pointerDown;
    this.pointerDown = null;
    if (!down || event.button !== 0 || this.deps.host.contains(event.target)) return;
    if (Math.hypot(event.clientX - down.x, event.clientY - down.y) > CLICK_SLOP_PX) return;
    const selection = this.deps.doc.getSelection();
    if (selection !== null && !selection.isCollapsed) return;
    const mention = findMentionAt(this.deps.doc, this.deps.scanner, event.clientX, event.clientY);
    if (mention) this.apply(this.intent.pin(mention), { x: event.clientX, y: event.clientY });
  }

  private onKeyDown(event: KeyboardEvent): void {
    // The user's Escape only: a page's script must not close a card (a note being written in it).
    // Escape in a field of the card is the field's (it cancels the edit): the typing firewall
    // keeps it inside the card, so it never reaches here.
    if (event.key !== "Escape" || !event.isTrusted || this.intent.state.target === null) return;
    this.close();
  }

  private apply(
    state: { target: TrackedMention | null; pinned: boolean },
    pointer?: { x: number; y: number },
  ): void {
    clearTimeout(this.timer);
    const deadline = this.intent.nextDeadline();
    if (deadline !== null) {
      this.timer = setTimeout(
        () => this.apply(this.intent.tick(performance.now())),
        Math.max(0, deadline - performance.now()),
      );
    }
    const { target, pinned } = state;
    if (target === null) {
      this.shownAnchor = null;
      this.shownEntityId = null;
      this.rendered = null;
      this.deps.host.hide();
      this.setCurrent(null);
      return;
    }
    // The name whose card is open is marked, so it is clear what the card is about.
    if (target !== this.current) this.setCurrent(target);
    if (target !== this.shownAnchor) {
      this.shownAnchor = target;
      this.shownEntityId = target.entityId;
    }
    this.render(target, pinned, pointer);
  }

  private render(anchor: TrackedMention, pinned: boolean, pointer?: { x: number; y: number }): void {
    const entityId = this.shownEntityId ?? anchor.entityId;
    const focus = this.focusNext;
    this.focusNext = false;
    const last = this.rendered;
    // Pointer moves over an open card arrive every frame; re-render only what changed.
    if (!focus && last && last.anchor === anchor && last.entityId === entityId && last.pinned === pinned)
      return;
    this.rendered = { anchor, entityId, pinned };
    this.deps.host.show({
      anchor: { node: anchor.node, start: anchor.start, end: anchor.end },
      pointer,
      focus,
      card: {
        entityId,
        mentionCount: this.deps.scanner.countOf(entityId),
        pinned,
        onSelectEntity: (id) => {
          this.shownEntityId = id;
          this.render(anchor, this.intent.state.pinned);
        },
        onTogglePin: () => this.apply(this.intent.togglePin()),
        onClose: () => this.close(),
      },
    });
  }

  private setCurrent(mention: TrackedMention | null): void {
    if (this.current) this.deps.currentLayer.delete(this.current.range);
    this.current = mention;
    if (mention && (this.deps.paints?.(mention.entityId) ?? true)) this.deps.currentLayer.add(mention.range);
  }
}

function compareMentions(a: TrackedMention, b: TrackedMention): number {
  if (a.node === b.node) return a.start - b.start;
  return a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
