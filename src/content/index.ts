/**
 * Content-script entry (document_idle, http and https pages, every frame), built as the
 * classic script `content.js`: the first stage of the content script. Where it should run
 * (see `isTopOrSameOriginFrame`), it starts the ContentBootstrap with the platform's adapters
 * and the page filter made at build time. The bootstrap imports the app proper, the ES module
 * `content-main.js`, only on pages that may mention a name.
 *
 * Why this stage is a classic script, and a small one: it runs on every page, and most pages
 * name none of the players. An ES module costs a fixed few milliseconds on the page's main
 * thread to import (the request, its tasks, the module's instantiation), more than compiling a
 * small script does. Everything here is what a page without names needs; all else is in the
 * app's module.
 */
import { compilePageFilter } from "../core/page-filter";
import { PAGE_FILTER_SOURCE } from "../knowledge/page-filter-snapshot";
import { listenForMessages, sendToExtension } from "../platform/messaging";
import { loadStoredNameIndex, watchStoredNameIndex } from "../platform/name-index-storage";
import { getResourceUrl } from "../platform/runtime";
import { readStoredSettings, watchStoredSettings } from "../platform/stored-settings";
import { type ContentAppModule, ContentBootstrap } from "./bootstrap";
import { isTopOrSameOriginFrame, readFramePlace } from "./frame-place";
import { pageClock } from "./page-clock";

if (isTopOrSameOriginFrame()) {
  new ContentBootstrap({
    place: readFramePlace(),
    filter: PAGE_FILTER_SOURCE ? compilePageFilter(PAGE_FILTER_SOURCE) : null,
    // The browser imports a module once per document: later calls resolve to the same one.
    loadApp: (): Promise<ContentAppModule> => import(getResourceUrl("content-main.js")),
    readStoredSettings,
    watchStoredSettings,
    loadStoredNames: loadStoredNameIndex,
    watchStoredNames: watchStoredNameIndex,
    listenForMessages,
    sendToExtension,
    clock: pageClock,
  }).start();
}
