/**
 * The content script's first stage, built as the ES module `content-boot.js` that the loader
 * (./index.ts) imports: starts the ContentBootstrap with the platform's adapters and the
 * page filter made at build time. The bootstrap loads the app proper, `content-main.js`,
 * only on pages that may mention a name.
 */
import { compilePageFilter } from "../core/page-filter";
import { PAGE_FILTER_SOURCE } from "../knowledge/page-filter-snapshot";
import { listenForMessages, sendToExtension } from "../platform/messaging";
import { loadTrackedNames, watchTrackedNames } from "../platform/name-index-storage";
import { getResourceUrl } from "../platform/runtime";
import { loadSettings, watchSettings } from "../platform/settings-storage";
import { ContentBootstrap } from "./bootstrap";
import { readFramePlace } from "./frame-place";
import type * as ContentMain from "./main";
import { pageClock } from "./page-clock";

new ContentBootstrap({
  place: readFramePlace(),
  filter: PAGE_FILTER_SOURCE ? compilePageFilter(PAGE_FILTER_SOURCE) : null,
  loadApp: async () => {
    const module: typeof ContentMain = await import(getResourceUrl("content-main.js"));
    return module.startContentApp;
  },
  loadSettings,
  watchSettings,
  loadTrackedNames,
  watchTrackedNames,
  listenForMessages,
  sendToExtension,
  clock: pageClock,
}).start();
