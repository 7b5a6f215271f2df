/**
 * Background entry: a service worker in Chromium, an event page in Firefox. It keeps no
 * state in memory that matters, since either may be stopped at any time.
 */
import { MENU_ACTIONS, messageForMenuItem } from "../core/menu-actions";
import { setBadge } from "../platform/badge";
import { getActiveTabId, listenForCommands } from "../platform/commands";
import { installSelectionMenu, listenForMenuClicks } from "../platform/context-menus";
import { translate } from "../platform/i18n";
import { listenForMessages, sendToFrame, sendToTab } from "../platform/messaging";
import { getExtensionIdentity, onInstalledOrStartup } from "../platform/runtime";

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

// Menus outlive the worker (Chromium) and the event page (Firefox): made at install and start-up.
onInstalledOrStartup(() =>
  installSelectionMenu(MENU_ACTIONS.map((action) => ({ id: action.id, title: translate(action.titleKey) }))),
);

listenForMenuClicks(async (menuItemId, tabId, frameId) => {
  const message = messageForMenuItem(menuItemId);
  if (!message || tabId === undefined) return;
  await sendToFrame(tabId, frameId ?? 0, message).catch(() => undefined);
});
