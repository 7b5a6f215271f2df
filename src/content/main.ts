/**
 * The content script's body, built as the ES module `content-main.js` that ./index.ts
 * imports: loads the settings, starts the content app, follows settings changes live and
 * answers the extension's messages.
 */
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

const app = new ContentApp({
  // In this bundle the packs hold no facts (build.mjs strips them): spotting needs none.
  packs: BUNDLED_PACKS,
  snapshot: SPOTTING_SNAPSHOT,
  cards: new LazyCardSurface(async () => {
    const module: typeof CardUi = await import(getResourceUrl("card-ui.js"));
    return module.createCardSurface(document, translate);
  }),
  reportBadge: (names) => {
    // The background may be asleep or restarting; a lost badge update is harmless.
    sendToExtension({ type: "context-cards:badge", names }).catch(() => undefined);
  },
});

listenForMessages({
  "context-cards:ping": () => ({ from: "content", url: location.href, topFrame: window === window.top }),
  "context-cards:page-summary": () => app.summarize(),
  "context-cards:focus-mention": (message) => ({ moved: app.focusMention(message.direction) }),
  "context-cards:reveal-entity": (message) => ({ moved: app.revealEntity(message.entityId) }),
  "context-cards:compose": (message) => ({ opened: app.compose(message.mode) }),
});

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
