/**
 * The one import of `webextension-polyfill` in the code base. Everything else imports the
 * `browser` namespace from here (or, better, one of the small helpers beside this file), so
 * the polyfill can be dropped later without touching features.
 */
import type Browser from "webextension-polyfill";

// Not `import browser from …`: esbuild's interop for that copies every property of the
// module's export onto a new object, and where the export is the browser's own `browser`
// namespace each copied property instantiates an API binding — several ms on every page
// the content script runs in. A require() hands the object over as it is.
const browser: typeof Browser = require("webextension-polyfill");

export type { Runtime, Tabs } from "webextension-polyfill";
export { browser };
