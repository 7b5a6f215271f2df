/**
 * The browser's own extension namespace, typed like the polyfill's, for the content script:
 * `build.mjs` bundles the content script with this module in place of `./browser`.
 *
 * Why: the content script runs on every page, and in Chrome the polyfill wraps the whole
 * `chrome` namespace there first (its API table and proxies cost a millisecond or more per
 * page). The content script only uses what both browsers offer natively with promises in
 * Manifest V3: `storage` get and `onChanged`, `runtime.sendMessage`, `getURL`, `onMessage`
 * answered through `sendResponse` (see messaging.ts) and `i18n.getMessage`. Firefox defines
 * `browser`; Chrome defines `chrome` (and, in recent versions, `browser` too).
 */
import type Browser from "webextension-polyfill";

const scope = globalThis as unknown as { browser?: typeof Browser; chrome?: typeof Browser };
const browser = (scope.browser ?? scope.chrome) as typeof Browser;

export type { Runtime, Tabs } from "webextension-polyfill";
export { browser };
