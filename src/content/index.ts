/**
 * Content-script entry (document_idle, http and https pages, every frame), built as the
 * classic script `content.js`: where the content script should run (see
 * `isTopOrSameOriginFrame`), it imports its first stage, `content-boot.js` (./boot.ts), an
 * ES module; nothing else.
 *
 * Why a loader: a classic content script is parsed and compiled on the page's main thread,
 * function by function as each is first called. A module fetched from the extension is
 * compiled on a background thread while it streams in, and its bundle carries V8's compile
 * hint (`//# allFunctionsCalledOnLoad`, see build.mjs), so its functions arrive compiled and
 * the page's thread only runs them.
 */
import { getResourceUrl } from "../platform/runtime";
import { isTopOrSameOriginFrame } from "./frame-place";

if (isTopOrSameOriginFrame()) {
  import(getResourceUrl("content-boot.js")).catch((error: unknown) => {
    console.error("Context Cards could not start on this page:", error);
  });
}
