/**
 * The one import of `webextension-polyfill` in the code base. Everything else imports the
 * `browser` namespace from here (or, better, one of the small helpers beside this file), so
 * the polyfill can be dropped later without touching features.
 */
import browser from "webextension-polyfill";

export type { Runtime, Tabs } from "webextension-polyfill";
export { browser };
