/**
 * Background entry: a service worker in Chromium, an event page in Firefox. It keeps no
 * state in memory that matters, since either may be stopped at any time.
 */
import { setBadge } from "../platform/badge";
import { getActiveTabId, listenForCommands } from "../platform/commands";
import { listenForMessages, sendToTab } from "../platform/messaging";
import { getExtensionIdentity } from "../platform/runtime";

listenForMessages({
  "context-cards:ping": () => ({ from: "background", version: getExtensionIdentity().version }),
  "context-cards:badge": async (message, sender) => {
    // Only the top frame speaks for the tab.
    if (sender.tab?.id === undefined || sender.frameId !== 0) return;
    await setBadge(sender.tab.id, message.names ? String(message.names) : "");
  },
});

listenForCommands(async (command, tabId) => {
  const target = tabId ?? (await getActiveTabId());
  if (target === undefined) return;
  const direction = command === "next-mention" ? "next" : "previous";
  // Pages without our content script (browser pages, the stores) cannot answer; that is fine.
  await sendToTab(target, { type: "context-cards:focus-mention", direction }).catch(() => undefined);
});
