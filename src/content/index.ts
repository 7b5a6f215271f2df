/**
 * Content-script entry (document_idle, http and https pages), built as the classic script
 * `content.js`: it only imports the content app, `content-main.js` (./main.ts), an ES module.
 *
 * Why a loader: a classic content script is parsed and compiled on the page's main thread,
 * function by function as each is first called — on a typical page that was about half of
 * our first pass. A module fetched from the extension is compiled on a background thread
 * while it streams in, and its bundle carries V8's compile hint (`//# allFunctionsCalledOnLoad`,
 * see build.mjs), so its functions arrive compiled and the page's thread only runs them.
 */
import { getResourceUrl } from "../platform/runtime";

import(getResourceUrl("content-main.js")).catch((error: unknown) => {
  console.error("Context Cards could not start on this page:", error);
});
