/**
 * The one import of `webextension-polyfill` in the code base. Everything else imports the
 * `browser` namespace from here (or, better, one of the small helpers beside this file), so
 * the polyfill can be dropped later without touching features.
 *
 * The content script gets the browser's own namespace instead (build.mjs defines
 * `__NATIVE_BROWSER_API__` for that bundle, and the polyfill is left out of it): it runs on
 * every page, and in Chrome the polyfill first wraps the whole `chrome` namespace (its API
 * table and proxies cost a millisecond or more per page). The content script only uses what
 * both browsers offer natively with promises in Manifest V3: `storage` get and `onChanged`,
 * `runtime.sendMessage`, `getURL`, `onMessage` answered through `sendResponse` (see
 * messaging.ts) and `i18n.getMessage`. Firefox defines `browser`; Chrome defines `chrome`.
 */
import type Browser from "webextension-polyfill";

declare const __NATIVE_BROWSER_API__: boolean | undefined;

function nativeBrowser(): typeof Browser {
  const scope = globalThis as unknown as { browser?: typeof Browser; chrome?: typeof Browser };
  return (scope.browser ?? scope.chrome) as typeof Browser;
}

// Not `import browser from …`: esbuild's interop for that copies every property of the
// module's export onto a new object, and where the export is the browser's own `browser`
// namespace each copied property instantiates an API binding — several ms on every page
// the content script runs in. A require() hands the object over as it is.
const browser: typeof Browser =
  typeof __NATIVE_BROWSER_API__ !== "undefined" && __NATIVE_BROWSER_API__
    ? nativeBrowser()
    : require("webextension-polyfill");

export type { Runtime, Tabs } from "webextension-polyfill";
export { browser };
