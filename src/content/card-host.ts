/**
 * The one element our UI lives in: `<context-cards-ui>`, appended to the document the first
 * time a card opens, with a closed shadow root: page CSS cannot reach in and ours cannot leak
 * out, and the page's scripts cannot read what a card shows (the user's notes among it). The
 * card is a Preact tree rendered into it, positioned next to its mention with Floating UI
 * (flips and shifts to stay in view, follows scrolling, handles names that wrap). `show` and
 * `destroy` are paired: destroy unmounts Preact and removes the element.
 */
import {
  autoUpdate,
  computePosition,
  flip,
  inline,
  offset,
  shift,
  size,
  type VirtualElement,
} from "@floating-ui/dom";
import { h, render } from "preact";
import { buildKnowledgeIndex, type KnowledgeIndex } from "../core/knowledge-index";
import type { KnowledgePack } from "../core/knowledge-schema";
import type { IndexedName } from "../core/name-index";
import { makeUserNameId, type UserName } from "../core/user-data-schema";
import type { NotesStore } from "../platform/notes-store";
import { saveUserName } from "../platform/user-data-storage";
import { CARD_STYLES } from "../ui/card/card-styles";
import { Composer, type TrackedNameInput } from "../ui/card/composer";
import { EntityCard, type EntityCardProps, type Translate } from "../ui/card/entity-card";
import { notesPropsFor } from "../ui/card/notes-section";
import type { CardRequest, CardSurface, ComposeAnchor, ComposeRequest } from "./card-surface";
import { UI_HOST_TAG } from "./readable-text";
import type { GuardedUiSlot } from "./typing-firewall";

/** The knowledge, strings and notes every card is rendered with. */
export interface CardKnowledge {
  packs: readonly KnowledgePack[];
  t: Translate;
  /** The user's notes; without it cards show none. */
  notes?: NotesStore;
}

/** A card the host keeps open itself (a composer, or the card it led to) until it is closed. */
type Sticky =
  | { kind: "compose"; request: ComposeRequest }
  | { kind: "card"; entityId: string; anchor: ComposeAnchor };

const VIEWPORT_PADDING = 8;

/** See the module comment. */
export class CardHost implements CardSurface {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private anchorKey: unknown = null;
  private names: readonly IndexedName[] = [];
  private index: KnowledgeIndex;
  private last: CardRequest | null = null;
  private sticky: Sticky | null = null;
  private warmed = false;
  /** The card's height cap from its last placement (see `capHeight`). */
  private maxHeight: string | null = null;
  /** Where focus was when a composer opened; it goes back there when the composer closes. */
  private focusBeforeSticky: Element | null = null;

  /**
   * `ui` is kept pointing at the card's element and its shadow root, for the guard that keeps
   * what is typed in the card from the page (see typing-firewall.ts).
   */
  constructor(
    private readonly doc: Document,
    private readonly knowledge: CardKnowledge,
    private readonly ui: GuardedUiSlot,
  ) {
    this.index = buildKnowledgeIndex(knowledge.packs);
    // Notes saved anywhere (another tab, the options page) show in the open card at once.
    knowledge.notes?.subscribe(() => this.refresh());
  }

  /** The host element, if a card has been shown (events inside the shadow root retarget to it). */
  get element(): HTMLElement | null {
    return this.host;
  }

  /** True when `node` is our host (the target of any event from inside the card). */
  contains(node: EventTarget | null): boolean {
    return node !== null && node === this.host;
  }

  /** Renders the card for `request` and positions it next to its anchor. */
  show(request: CardRequest): void {
    if (this.sticky) return;
    this.last = request;
    const mount = this.ensureMount();
    render(h(EntityCard, this.entityCardProps(request.card)), mount);
    this.place(request.anchor, request.pointer);
    if (request.focus) this.focusCard();
  }

  /**
   * Gets ready while the pointer dwells on a name: mounts the (hidden) shadow root and styles,
   * and the first time renders that name's card hidden, so the first card shown is a cheap
   * update rather than a cold first render.
   */
  preload(entityId?: string): void {
    const mount = this.ensureMount();
    if (this.warmed || entityId === undefined || !mount.hidden) return;
    this.warmed = true;
    const idle = () => {};
    const card = {
      entityId,
      mentionCount: 0,
      pinned: false,
      onSelectEntity: idle,
      onTogglePin: idle,
      onClose: idle,
    };
    render(h(EntityCard, this.entityCardProps(card)), mount);
  }

  compose(request: ComposeRequest): void {
    if (!this.sticky) this.focusBeforeSticky = this.doc.activeElement;
    this.sticky = { kind: "compose", request };
    this.renderSticky();
    this.focusCard();
  }

  setTrackedNames(names: readonly IndexedName[]): void {
    // The lazy surface reports the names as soon as the module is in, usually none.
    if (names.length === 0 && this.names.length === 0) return;
    this.names = names;
    this.index = buildKnowledgeIndex(this.knowledge.packs, names);
    this.refresh();
  }

  /** Hides the card (Preact stays mounted, so the next card is cheap). */
  hide(): void {
    if (this.sticky) return;
    this.last = null;
    this.conceal();
  }

  private conceal(): void {
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.anchorKey = null;
    if (this.mount) {
      this.mount.hidden = true;
      delete this.mount.dataset.anchor;
    }
  }

  /** Unmounts Preact and removes our element from the page. */
  destroy(): void {
    this.sticky = null;
    this.hide();
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = null;
    this.mount = null;
    this.ui.current = null;
  }

  /** Moves focus into the card's dialog. */
  focusCard(): void {
    const dialog = this.mount?.querySelector<HTMLElement>("[role=dialog]");
    if (!dialog) return;
    if (!dialog.hasAttribute("tabindex")) dialog.setAttribute("tabindex", "-1");
    dialog.focus({ preventScroll: true });
  }

  /** True when keyboard focus is inside the card. */
  hasFocus(): boolean {
    return this.host !== null && this.doc.activeElement === this.host;
  }

  private entityCardProps(card: CardRequest["card"]): EntityCardProps {
    const { packs, t, notes } = this.knowledge;
    const page = () => ({ url: this.doc.location.href, title: this.doc.title });
    // Writing keeps the card open, as if pinned.
    const onEditing = (editing: boolean) => {
      if (editing && !card.pinned) card.onTogglePin();
    };
    return {
      ...card,
      index: this.index,
      packs,
      t,
      notes: notesPropsFor(notes, card.entityId, page, onEditing),
    };
  }

  /** Renders again what is shown (notes or names changed). */
  private refresh(): void {
    if (this.sticky) this.renderSticky();
    // Re-rendered in place: focus stays where it is (in a note being written, say).
    else if (this.last && this.mount && !this.mount.hidden) this.show({ ...this.last, focus: false });
  }

  private closeSticky(): void {
    const hadFocus = this.hasFocus();
    this.sticky = null;
    this.last = null;
    this.conceal();
    const back = this.focusBeforeSticky;
    this.focusBeforeSticky = null;
    if (hadFocus && back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
  }

  private renderSticky(): void {
    const sticky = this.sticky;
    if (!sticky) return;
    const mount = this.ensureMount();
    const { t, notes } = this.knowledge;
    if (sticky.kind === "card") {
      const card = {
        entityId: sticky.entityId,
        mentionCount: 0,
        pinned: true,
        onSelectEntity: (id: string) => {
          this.sticky = { ...sticky, entityId: id };
          this.renderSticky();
        },
        onTogglePin: () => this.closeSticky(),
        onClose: () => this.closeSticky(),
      };
      render(h(EntityCard, this.entityCardProps(card)), mount);
      this.place(sticky.anchor);
      return;
    }
    const { request } = sticky;
    const openCard = (entityId: string) => {
      this.sticky = { kind: "card", entityId, anchor: request.anchor };
      this.renderSticky();
      this.focusCard();
    };
    render(
      h(Composer, {
        draft: request.draft,
        index: this.index,
        t,
        onCancel: () => this.closeSticky(),
        onSaveClip: async (entityId, comment) => {
          if (!notes) return;
          await notes.add(entityId, comment, { page: request.page, quote: request.quote });
          openCard(entityId);
        },
        onSaveTrack: async (input) => openCard(await this.track(input)),
        onOpenEntity: openCard,
      }),
      mount,
    );
    this.place(request.anchor);
  }

  /** Saves a new tracked name; resolves to its id (the card can show it at once). */
  private async track(input: TrackedNameInput): Promise<string> {
    const now = Date.now();
    const record: UserName = {
      id: makeUserNameId(input.name, undefined, this.index.entities),
      name: input.name,
      aliases: input.aliases,
      kind: input.kind,
      caseSensitive: false,
      createdAt: now,
      updatedAt: now,
    };
    if (input.summary !== "") record.summary = input.summary;
    await saveUserName(record);
    this.setTrackedNames([...this.names.filter((name) => name.id !== record.id), record]);
    return record.id;
  }

  private place(anchor: ComposeAnchor, pointer?: CardRequest["pointer"]): void {
    const mount = this.ensureMount();
    const [target, key] =
      "element" in anchor ? [anchor.element, "element"] : [anchor.node, `${anchor.start}:${anchor.end}`];
    if (this.anchorKey !== target || mount.dataset.anchor !== key) {
      this.anchorKey = target;
      mount.dataset.anchor = key;
      this.position(anchor, pointer);
    }
    // The card's root may be a new element (a composer after a card): it keeps the cap.
    this.capHeight();
    mount.hidden = false;
  }

  /**
   * Caps the card's height to the room beside its anchor (`value`, from placement), on the
   * card's root element itself: an inherited value on the mount (a custom property) would
   * restyle every element of the card on each placement. Without `value`, re-applies the last.
   */
  private capHeight(value?: string): void {
    if (value !== undefined) this.maxHeight = value;
    const card = this.mount?.firstElementChild as HTMLElement | null | undefined;
    if (!card || this.maxHeight === null) return;
    if (card.style.getPropertyValue("max-block-size") !== this.maxHeight)
      card.style.setProperty("max-block-size", this.maxHeight);
  }

  private ensureMount(): HTMLElement {
    if (this.mount && this.host?.isConnected) return this.mount;
    const host = this.doc.createElement(UI_HOST_TAG.toLowerCase());
    // Inline styles through the CSSOM are not subject to the page's CSP for style attributes.
    host.style.setProperty("all", "initial", "important");
    // Native parts of the card (scrollbars, focus rings) follow the user's light or dark scheme.
    host.style.setProperty("color-scheme", "light dark", "important");
    host.style.setProperty("position", "fixed", "important");
    host.style.setProperty("inset", "0 auto auto 0", "important");
    host.style.setProperty("z-index", "2147483647", "important");
    host.style.setProperty("width", "0", "important");
    host.style.setProperty("height", "0", "important");
    // A relayout boundary, and the containing block of the card (fixed, at the viewport's
    // corner like the host): laying out a card then never walks the page's layout.
    host.style.setProperty("contain", "size layout style", "important");
    // Closed: `host.shadowRoot` is null for the page's scripts, so they cannot read the notes a
    // card shows. The only references to the root are this module's and the typing guard's.
    const shadow = host.attachShadow({ mode: "closed" });
    shadow.addEventListener("keydown", (event) => {
      if ((event as KeyboardEvent).key === "Escape" && this.sticky) this.closeSticky();
    });
    // What is typed in the card's fields is not the page's to read (nor to act on as shortcuts):
    // the guard (started with the app, see main.ts) learns where the card now is.
    this.ui.current = { host, root: shadow };
    const style = this.doc.createElement("style");
    style.textContent = CARD_STYLES;
    const mount = this.doc.createElement("div");
    mount.className = "cc-card-position";
    mount.hidden = true;
    shadow.append(style, mount);
    // After <body>, as the last child of <html>: outside any page layout container.
    this.doc.documentElement.append(host);
    this.host = host;
    this.mount = mount;
    return mount;
  }

  private position(anchor: ComposeAnchor, pointer?: { x: number; y: number }): void {
    const mount = this.mount;
    if (!mount) return;
    this.stopAutoUpdate?.();
    const reference = referenceOf(this.doc, anchor);
    const element = reference.contextElement;
    const direction = element && getComputedStyle(element).direction === "rtl" ? "rtl" : "ltr";
    // Writing `dir`, even unchanged, restyles the whole card.
    if (mount.dir !== direction) mount.dir = direction;
    const update = () => {
      void computePosition(reference, mount, {
        strategy: "fixed",
        placement: "bottom-start",
        middleware: [
          offset(6),
          inline(pointer),
          flip({ padding: VIEWPORT_PADDING }),
          shift({ padding: VIEWPORT_PADDING }),
          size({
            padding: VIEWPORT_PADDING,
            apply: ({ availableHeight }) => this.capHeight(`${Math.max(160, availableHeight)}px`),
          }),
        ],
      }).then(({ x, y }) => {
        mount.style.setProperty("left", `${x}px`);
        mount.style.setProperty("top", `${y}px`);
      });
    };
    this.stopAutoUpdate = autoUpdate(reference, mount, update, { animationFrame: false });
  }
}

/**
 * What Floating UI positions the card against: the anchor's text, or the top edge of the
 * part of its element in view (a frame may be taller than the window, or scrolled partly
 * out of it; the card then opens over its top, never off screen).
 */
function referenceOf(doc: Document, anchor: ComposeAnchor): VirtualElement {
  if ("element" in anchor) {
    const { element } = anchor;
    const view = doc.defaultView;
    const topEdge = () => {
      const box = element.getBoundingClientRect();
      const width = view?.innerWidth ?? box.right;
      const height = view?.innerHeight ?? box.bottom;
      const left = Math.min(Math.max(box.left, 0), width);
      const right = Math.max(Math.min(box.right, width), left);
      return new DOMRect(left, Math.min(Math.max(box.top, 0), height), right - left, 0);
    };
    return { getBoundingClientRect: topEdge, getClientRects: () => [topEdge()], contextElement: element };
  }
  const range = doc.createRange();
  range.setStart(anchor.node, anchor.start);
  range.setEnd(anchor.node, anchor.end);
  return {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: anchor.node.parentElement ?? undefined,
  };
}
