/**
 * Background entry: a service worker in Chromium, an event page in Firefox. It keeps no
 * state in memory that matters, since either may be stopped at any time: the frames' reports
 * (badge, frames in the page summary) live in `storage.session`.
 */
import {
  badgeNamesOf,
  childReportsOf,
  framesCounting,
  isFrameReport,
  staleFramesOf,
  type TabReports,
  TOP_FRAME_ID,
} from "../core/frame-reports";
import { MENU_ACTIONS, messageForMenuItem } from "../core/menu-actions";
import { setBadge } from "../platform/badge";
import { getActiveTabId, listenForCommands } from "../platform/commands";
import { installSelectionMenu, listenForMenuClicks } from "../platform/context-menus";
import {
  forgetFrameReports,
  forgetTabReports,
  loadFrameReports,
  saveFrameReport,
} from "../platform/frame-report-storage";
import { translate } from "../platform/i18n";
import { listenForMessages, sendToFrame, sendToTab } from "../platform/messaging";
import { getExtensionIdentity, onInstalledOrStartup } from "../platform/runtime";
import { listenForClosedTabs } from "../platform/tabs";

/** Per tab, the report handling in progress: one at a time, so the badge follows the last report. */
const tabWork = new Map<number, Promise<unknown>>();

function inTabOrder<T>(tabId: number, job: () => Promise<T>): Promise<T> {
  const next = (tabWork.get(tabId) ?? Promise.resolve()).catch(() => undefined).then(job);
  tabWork.set(tabId, next);
  const forget = () => {
    if (tabWork.get(tabId) === next) tabWork.delete(tabId);
  };
  next.then(forget, forget);
  return next;
}

/** The badge from the tab's reports (left alone until the top frame has reported). */
async function updateBadge(tabId: number, reports: TabReports): Promise<void> {
  const names = badgeNamesOf(reports);
  if (names !== undefined) await setBadge(tabId, names ? String(names) : "");
}

listenForMessages({
  "context-cards:ping": () => ({ from: "background", version: getExtensionIdentity().version }),
  "context-cards:frame-report": (message, sender) => {
    const tabId = sender.tab?.id;
    const frameId = sender.frameId;
    if (tabId === undefined || frameId === undefined || !isFrameReport(message)) return undefined;
    return inTabOrder(tabId, async () => {
      await saveFrameReport(tabId, frameId, message);
      const reports = await loadFrameReports(tabId);
      // A new top document: the frames of the one before it no longer count.
      if (frameId === TOP_FRAME_ID) await forgetFrameReports(tabId, staleFramesOf(reports, message.topKey));
      await updateBadge(tabId, reports);
      return undefined;
    });
  },
  "context-cards:frame-left": (_message, sender) => {
    const tabId = sender.tab?.id;
    const frameId = sender.frameId;
    if (tabId === undefined || frameId === undefined || frameId === TOP_FRAME_ID) return undefined;
    return inTabOrder(tabId, async () => {
      await forgetFrameReports(tabId, [frameId]);
      await updateBadge(tabId, await loadFrameReports(tabId));
      return undefined;
    });
  },
  "context-cards:frame-counts": (message, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== TOP_FRAME_ID) return [];
    return inTabOrder(tabId, async () =>
      childReportsOf(await loadFrameReports(tabId), message.topKey).map(([, report]) => report.entities),
    );
  },
  "context-cards:reveal-in-tab": async ({ tabId, entityId }) => {
    if (!Number.isInteger(tabId) || typeof entityId !== "string") return { moved: false };
    const revealIn = (frameId: number) =>
      sendToFrame<"context-cards:reveal-entity">(tabId, frameId, {
        type: "context-cards:reveal-entity",
        entityId,
      })
        .then((result) => result?.moved === true)
        // A frame without our content script (or gone meanwhile) cannot answer.
        .catch(() => false);
    if (await revealIn(TOP_FRAME_ID)) return { moved: true };
    const reports = await loadFrameReports(tabId);
    const top = reports.get(TOP_FRAME_ID);
    for (const frameId of top ? framesCounting(reports, top.topKey, entityId) : []) {
      if (await revealIn(frameId)) return { moved: true };
    }
    return { moved: false };
  },
});

listenForClosedTabs((tabId) => {
  void inTabOrder(tabId, () => forgetTabReports(tabId)).catch((error: unknown) =>
    console.error("Context Cards:", error),
  );
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
