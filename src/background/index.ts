/**
 * Background entry: a service worker in Chromium, an event page in Firefox. It keeps no
 * state in memory that matters, since either may be stopped at any time.
 */
import { getActiveTabId, listenForCommands } from "../platform/commands";
import { listenForMessages, sendToTab } from "../platform/messaging";
import { getExtensionIdentity } from "../platform/runtime";

listenForMessages({
  "context-cards:ping": () => ({ from: "background", version: getExtensionIdentity().version }),
});

listenForCommands(async (command, tabId) => {
  const target = tabId ?? (await getActiveTabId());
  if (target === undefined) return;
  const direction = command === "next-mention" ? "next" : "previous";
  // Pages without our content script (browser pages, the stores) cannot answer; that is fine.
  await sendToTab(target, { type: "context-cards:focus-mention", direction }).catch(() => undefined);
});
