/**
 * The content app's module, built as the ES module `content-main.js`: the bootstrap
 * (./index.ts) imports it once the page may mention a name, and starts it with the settings
 * and names it has read. From then on the app spots, paints, cards and reports; the
 * bootstrap keeps the extension's listeners and hands it their news (see `ContentAppHandle`).
 */
import { readNameIndex } from "../core/name-index";
import { parseSettings } from "../core/settings";
import { BUNDLED_PACKS } from "../knowledge/bundled-packs";
import { SPOTTING_SNAPSHOT } from "../knowledge/spotting-snapshot";
import { translate } from "../platform/i18n";
import type { MessageHandlers } from "../platform/messaging";
import { sendToExtension } from "../platform/messaging";
import { getResourceUrl } from "../platform/runtime";
import type * as CardUi from "./card-ui";
import { ContentApp } from "./content-app";
import { type FramePlace, isPrerendering } from "./frame-place";
import { LazyCardSurface } from "./lazy-card-surface";
import type { ProbeHandover } from "./page-probe";
import { withOtherFrames } from "./page-summary";
import { type GuardedUiSlot, guardTyping } from "./typing-firewall";

/** What the bootstrap has read before starting the app. */
export interface ContentAppStart extends FramePlace {
  /** The settings as stored (the app parses them; see core/settings.ts). */
  storedSettings: unknown;
  /** The user's names as stored (the app parses them; see core/name-index.ts). */
  storedNames: unknown;
  /** What the probe read, when it woke the app: the first pass scans only what may name someone. */
  handover?: ProbeHandover | undefined;
}

/** The running app, as the bootstrap drives it. */
export interface ContentAppHandle {
  /** Answers to the extension's messages (the bootstrap's one listener forwards them). */
  handlers: MessageHandlers;
  /** The settings changed; `stored` is their new stored value. */
  applyStoredSettings(stored: unknown): void;
  /** The user's names changed; `stored` is their new stored value. */
  setStoredNames(stored: unknown): void;
  /** Reports this document's counts again (back from the back-forward cache, or prerendered). */
  reportAgain(): void;
}

/** Starts the app on this document; call once. */
export function startContentApp(start: ContentAppStart): ContentAppHandle {
  const { topFrame, topKey, frameKey } = start;
  // What is typed in a card is kept from the page (see typing-firewall.ts). The guard starts
  // with the app, before any card: the earlier it is among the window's listeners, the fewer of
  // the page's come before it. The card module says where the card is once it makes one.
  const ui: GuardedUiSlot = { current: null };
  guardTyping(window, () => ui.current);
  const app = new ContentApp({
    // In this bundle the packs hold no facts (build.mjs strips them): spotting needs none.
    packs: BUNDLED_PACKS,
    snapshot: SPOTTING_SNAPSHOT,
    cards: new LazyCardSurface(async () => {
      const module: typeof CardUi = await import(getResourceUrl("card-ui.js"));
      return module.createCardSurface(document, translate, ui);
    }),
    report: (counts) => {
      // A page the browser prerenders is not yet its tab's frame 0 (a report now would count
      // as a frame's): the bootstrap has it report once shown.
      if (isPrerendering()) return;
      // The background may be asleep or restarting; a lost report is replaced by the next one.
      sendToExtension({
        type: "context-cards:frame-report",
        topKey,
        frameKey,
        path: start.readPath(),
        ...counts,
      }).catch(() => undefined);
    },
    reportCounts: !topFrame,
  });
  app.setTrackedNames(readNameIndex(start.storedNames));
  app.applySettings(parseSettings(start.storedSettings).settings, start.handover);

  const handlers: MessageHandlers = {
    "context-cards:page-summary": () => withOtherFrames(app.summarize(), start, sendToExtension),
    "context-cards:focus-mention": ({ direction, entityId, focus, restart, stopAtEnd }) => ({
      moved: app.focusMention(direction, { entityId, focus, restart, stopAtEnd }),
    }),
    "context-cards:compose": ({ mode, selectionText, frameUrl }) => ({
      opened: app.compose(
        mode,
        typeof selectionText === "string"
          ? { text: selectionText, url: typeof frameUrl === "string" ? frameUrl : undefined }
          : undefined,
      ),
    }),
    "context-cards:close-card": () => {
      app.closeCard();
      return undefined;
    },
  };
  followLifecycle(start, () => app.reportAgain());
  return {
    handlers,
    applyStoredSettings: (stored) => app.applySettings(parseSettings(stored).settings),
    setStoredNames: (stored) => app.setTrackedNames(readNameIndex(stored)),
    reportAgain: () => app.reportAgain(),
  };
}

/**
 * The app's frame report follows the document's life: a frame's names stop counting when it
 * goes (removed, navigated, or into the back-forward cache), and count again (`reportAgain`)
 * when it comes back from that cache or is shown after being prerendered. A frame whose app
 * never started counts no names, and needs none of this.
 */
function followLifecycle(place: FramePlace, reportAgain: () => void): void {
  if (!place.topFrame) {
    addEventListener("pagehide", () => {
      sendToExtension({ type: "context-cards:frame-left" }).catch(() => undefined);
    });
  }
  addEventListener("pageshow", (event) => {
    if (event.persisted) reportAgain();
  });
  if (isPrerendering()) document.addEventListener("prerenderingchange", reportAgain, { once: true });
}
