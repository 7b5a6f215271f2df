/**
 * Background entry: a service worker in Chromium, an event page in Firefox. It keeps no
 * state in memory that matters, since either may be stopped at any time.
 */
import { listenForMessages } from "../platform/messaging";
import { getExtensionIdentity } from "../platform/runtime";

listenForMessages({
  "context-cards:ping": () => ({ from: "background", version: getExtensionIdentity().version }),
});
