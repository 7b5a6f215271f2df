/**
 * The content script's body, built as the ES module `content-main.js` that ./index.ts
 * imports: loads the settings, starts the content app, follows settings changes live,
 * reports what the document counts to the background and answers the extension's messages.
 */
import { withFrameCounts } from "../core/frame-reports";
import { BUNDLED_PACKS } from "../knowledge/bundled-packs";
import { SPOTTING_SNAPSHOT } from "../knowledge/spotting-snapshot";
import { translate } from "../platform/i18n";
import { listenForMessages, sendToExtension } from "../platform/messaging";
import { loadTrackedNames, watchTrackedNames } from "../platform/name-index-storage";
import { getResourceUrl } from "../platform/runtime";
import { loadSettings, watchSettings } from "../platform/settings-storage";
import type * as CardUi from "./card-ui";
import { ContentApp } from "./content-app";
import { LazyCardSurface } from "./lazy-card-surface";

const topFrame = window === window.top;
const topKey = readTopKey();

/**
 * The top document's time origin, which names the page this frame belongs to in its reports
 * (see FrameReport). The app runs only in frames of the top document's origin, which may read it.
 */
function readTopKey(): number {
  // The top frame reads its own (reaching through `window.top` costs a cross-context lookup).
  if (topFrame) return performance.timeOrigin;
  try {
    return (window.top ?? window).performance.timeOrigin;
  } catch {
    return Number.NaN;
  }
}

/** True while the browser prerenders this page (Chromium's `document.prerendering`). */
function isPrerendering(): boolean {
  return (document as Document & { prerendering?: boolean }).prerendering === true;
}

const app = new ContentApp({
  // In this bundle the packs hold no facts (build.mjs strips them): spotting needs none.
  packs: BUNDLED_PACKS,
  snapshot: SPOTTING_SNAPSHOT,
  cards: new LazyCardSurface(async () => {
    const module: typeof CardUi = await import(getResourceUrl("card-ui.js"));
    return module.createCardSurface(document, translate);
  }),
  report: (counts) => {
    // A page the browser prerenders is not yet its tab's frame 0 (a report now would count as
    // a frame's): it reports once shown (see below).
    if (isPrerendering()) return;
    // The background may be asleep or restarting; a lost report is replaced by the next one.
    sendToExtension({ type: "context-cards:frame-report", topKey, ...counts }).catch(() => undefined);
  },
  reportCounts: !topFrame,
});

listenForMessages({
  "context-cards:ping": () => ({ from: "content", url: location.href, topFrame }),
  "context-cards:page-summary": async () => {
    const own = app.summarize();
    if (!topFrame || !own.active) return own;
    // The page's same-origin frames count their own names; the background has their reports.
    const frames = await sendToExtension({ type: "context-cards:frame-counts", topKey }).catch(() => []);
    return withFrameCounts(own, Array.isArray(frames) ? frames : []);
  },
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
});

// A frame's names stop counting when it goes (removed, navigated, or into the back-forward
// cache); from that cache, every frame reports again.
if (!topFrame) {
  addEventListener("pagehide", () => {
    sendToExtension({ type: "context-cards:frame-left" }).catch(() => undefined);
  });
}
addEventListener("pageshow", (event) => {
  if (event.persisted) app.reportAgain();
});
if (isPrerendering()) {
  document.addEventListener("prerenderingchange", () => app.reportAgain(), { once: true });
}

watchSettings(({ settings }) => app.applySettings(settings));
let namesChanged = false;
watchTrackedNames((names) => {
  namesChanged = true;
  app.setTrackedNames(names);
});
// Both before the first pass, so the page is scanned once, with the user's names (unless a
// change arrived meanwhile: it is newer than what was read).
void Promise.all([loadSettings(), loadTrackedNames()]).then(([{ settings }, names]) => {
  if (!namesChanged) app.setTrackedNames(names);
  app.applySettings(settings);
});
