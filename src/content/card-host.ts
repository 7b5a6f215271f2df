/**
 * The one element our UI lives in: `<context-cards-ui>`, appended to the document the first
 * time a card opens, with an open shadow root so page CSS cannot reach in and ours cannot
 * leak out. The card is a Preact tree rendered into it, positioned next to its mention with
 * Floating UI (flips and shifts to stay in view, follows scrolling, handles names that wrap).
 * `show` and `destroy` are paired: destroy unmounts Preact and removes the element.
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
import type { KnowledgeIndex } from "../core/knowledge-index";
import type { KnowledgePack } from "../core/knowledge-schema";
import { CARD_STYLES } from "../ui/card/card-styles";
import { EntityCard, type Translate } from "../ui/card/entity-card";
import type { CardRequest, CardSurface } from "./card-surface";
import { UI_HOST_TAG } from "./readable-text";

/** The knowledge and strings every card is rendered with. */
export interface CardKnowledge {
  index: KnowledgeIndex;
  packs: readonly KnowledgePack[];
  t: Translate;
}

const VIEWPORT_PADDING = 8;

/** Name of the User Timing measure of each card render (mount + Preact render). */
export const CARD_RENDER_MEASURE = "context-cards:card-render";

/** See the module comment. */
export class CardHost implements CardSurface {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private anchorKey: unknown = null;

  constructor(
    private readonly doc: Document,
    private readonly knowledge: CardKnowledge,
  ) {}

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
    const started = performance.now();
    const mount = this.ensureMount();
    render(h(EntityCard, { ...request.card, ...this.knowledge }), mount);
    // Visible to the benchmark through the page's performance timeline.
    performance.measure(CARD_RENDER_MEASURE, { start: started });
    const { node, start, end } = request.anchor;
    const key = `${start}:${end}`;
    if (this.anchorKey !== node || mount.dataset.anchor !== key) {
      this.anchorKey = node;
      mount.dataset.anchor = key;
      this.position(node, start, end, request.pointer);
    }
    mount.hidden = false;
    if (request.focus) this.focusCard();
  }

  /** Hides the card (Preact stays mounted, so the next card is cheap). */
  hide(): void {
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
    this.hide();
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = null;
    this.mount = null;
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
    const shadow = host.attachShadow({ mode: "open" });
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

  private position(node: Text, start: number, end: number, pointer?: { x: number; y: number }): void {
    const mount = this.mount;
    if (!mount) return;
    this.stopAutoUpdate?.();
    const range = this.doc.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const reference: VirtualElement = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      getClientRects: () => range.getClientRects(),
      contextElement: node.parentElement ?? undefined,
    };
    const direction = node.parentElement ? getComputedStyle(node.parentElement).direction : "ltr";
    mount.dir = direction === "rtl" ? "rtl" : "ltr";
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
            apply: ({ availableHeight }) => {
              mount.style.setProperty("--cc-card-max-height", `${Math.max(160, availableHeight)}px`);
            },
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
