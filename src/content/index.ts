/**
 * Content-script entry (document_idle, http and https pages, every frame), built as the
 * classic script `content.js`: where the app should run (see `isTopOrSameOriginFrame`), it
 * imports it, `content-main.js` (./main.ts), an ES module; nothing else.
 *
 * Why a loader: a classic content script is parsed and compiled on the page's main thread,
 * function by function as each is first called — on a typical page that was about half of
 * our first pass. A module fetched from the extension is compiled on a background thread
 * while it streams in, and its bundle carries V8's compile hint (`//# allFunctionsCalledOnLoad`,
 * see build.mjs), so its functions arrive compiled and the page's thread only runs them.
 */
import { getResourceUrl } from "../platform/runtime";

/**
 * The manifest injects this into every frame; the app runs in the top frame and in frames of
 * the top frame's origin (a page's own embedded pages), not in other origins' frames (ads,
 * widgets), which would only cost time.
 */
function isTopOrSameOriginFrame(): boolean {
  if (window === window.top) return true;
  try {
    return window.top?.location.origin === location.origin;
  } catch {
    // Reading another origin's location throws.
    return false;
  }
}

if (isTopOrSameOriginFrame()) {
  import(getResourceUrl("content-main.js")).catch((error: unknown) => {
    console.error("Context Cards could not start on this page:", error);
  });
}
