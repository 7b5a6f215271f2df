/**
 * Background entry: a service worker in Chromium, an event page in Firefox. It keeps no
 * state in memory that matters, since either may be stopped at any time: the frames' reports
 * (badge, frames in the page summary) live in `storage.session`.
 */
import {
  awaitsTopReport,
  badgeNamesOf,
  childReportsOf,
  type FramePingAnswer,
  type FrameReport,
  frameStepsOf,
  framesToWalk,
  goneFramesOf,
  isFrameReport,
  needsTopReport,
  staleFramesOf,
  type TabReports,
  TOP_FRAME_ID,
  unchangedFramesOf,
} from "../core/frame-reports";
import { fallbackForUnanswered, MENU_ACTIONS, messageForMenuItem } from "../core/menu-actions";
import type { FocusMentionMessage } from "../core/messages";
import { setBadge } from "../platform/badge";
import type { Runtime } from "../platform/browser";
import { getActiveTabId, listenForCommands } from "../platform/commands";
import { installSelectionMenu, listenForMenuClicks } from "../platform/context-menus";
import { translate } from "../platform/i18n";
import { listenForMessages, sendToFrame } from "../platform/messaging";
import { getExtensionIdentity, getResourceUrl, onInstalledOrStartup } from "../platform/runtime";
import {
  forgetFrameReports,
  forgetTab,
  loadCursorFrame,
  loadFrameReports,
  saveCursorFrame,
  saveFrameReport,
} from "../platform/tab-frames-storage";
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
  if (names === undefined) return;
  // A report can arrive after its tab closed: there is no badge to set, nor reports to keep.
  await setBadge(tabId, names ? String(names) : "").catch(() => forgetTab(tabId));
}

/**
 * When the top frame has no content script to answer yet, how long to wait before each
 * further request: it runs at document_idle, which a page's slow scripts can put seconds after
 * its frames' (that frame's names would never reach the badge).
 */
const TOP_REPORT_RETRY_MS = [500, 2_000, 6_000];

/** The tabs whose top frame is being asked again (see askTopFrameToReport). */
const askingAgain = new Set<number>();

/**
 * Asks the tab's top frame for its report, which comes as a message of its own (handled after
 * the job in progress) and updates the badge. Where no content script answers, it asks again
 * later (see TOP_REPORT_RETRY_MS) while a frame's names still wait for that report; a page the
 * extension does not run on never answers, and its badge stays as the browser left it.
 */
async function askTopFrameToReport(tabId: number, attempt = 0): Promise<void> {
  // One round of asking again per tab: each frame that reports meanwhile would start another.
  if (attempt === 0 && askingAgain.has(tabId)) return;
  const answered = await sendToFrame(tabId, TOP_FRAME_ID, { type: "context-cards:report-again" }).then(
    () => true,
    () => false,
  );
  const delay = TOP_REPORT_RETRY_MS[attempt];
  if (answered || delay === undefined) {
    askingAgain.delete(tabId);
    return;
  }
  askingAgain.add(tabId);
  setTimeout(() => {
    void inTabOrder(tabId, async () => {
      if (awaitsTopReport(await loadFrameReports(tabId))) await askTopFrameToReport(tabId, attempt + 1);
      else askingAgain.delete(tabId);
    });
  }, delay);
}

/** How long a frame has to answer a ping; one that does not answer in time is taken to be there. */
const PING_PATIENCE_MS = 1000;

/**
 * Of `children` (frame id and report) of tab `tabId`, the frames whose report no longer stands
 * (see `goneFramesOf`): a frame that went, or navigated, without its farewell reaching us (a
 * crash, say), whose report must not count.
 */
async function framesGone(tabId: number, children: readonly [number, FrameReport][]): Promise<number[]> {
  const answers = await Promise.all(
    children.map(([frameId]) => {
      const ping = sendToFrame(tabId, frameId, { type: "context-cards:ping" }).then(
        // Any object is an answer (a content script's carries its document's key); none is silence.
        (answer: unknown): FramePingAnswer =>
          typeof answer === "object" && answer !== null ? (answer as { frameKey?: unknown }) : "silent",
        (): FramePingAnswer => "silent",
      );
      const patience = new Promise<FramePingAnswer>((resolve) =>
        setTimeout(() => resolve("late"), PING_PATIENCE_MS),
      );
      return Promise.race([ping, patience]);
    }),
  );
  return goneFramesOf(children, answers);
}

/**
 * Forgets the reports `gone` of frames that did not answer, unless a frame reported anew since
 * (its new document answers for it), and updates the badge.
 */
async function forgetGoneFrames(tabId: number, gone: readonly [number, FrameReport][]): Promise<void> {
  const unchanged = unchangedFramesOf(await loadFrameReports(tabId), gone);
  if (unchanged.length === 0) return;
  await forgetFrameReports(tabId, unchanged);
  await updateBadge(tabId, await loadFrameReports(tabId));
}

/**
 * Moves to the next (previous) mention in tab `tabId` — of `entityId` only, when given —
 * across the page's frames (see `frameStepsOf`) and opens its card there. True when it moved.
 */
async function walkMentions(
  tabId: number,
  direction: "next" | "previous",
  options: { entityId?: string; focus: boolean },
): Promise<boolean> {
  const [reports, cursorFrame] = await Promise.all([loadFrameReports(tabId), loadCursorFrame(tabId)]);
  for (const step of frameStepsOf(framesToWalk(reports, options.entityId), cursorFrame, direction)) {
    const message: FocusMentionMessage = {
      type: "context-cards:focus-mention",
      direction,
      focus: options.focus,
      restart: step.restart,
      stopAtEnd: step.stopAtEnd,
    };
    if (options.entityId !== undefined) message.entityId = options.entityId;
    const moved = await sendToFrame<"context-cards:focus-mention">(tabId, step.frameId, message).then(
      (result) => result?.moved === true,
      async () => {
        // No content script there: a browser page or a store (the top frame), or a frame that
        // went without its farewell reaching us (its report must not count any longer).
        if (step.frameId !== TOP_FRAME_ID) {
          await forgetFrameReports(tabId, [step.frameId]);
          await updateBadge(tabId, await loadFrameReports(tabId));
        }
        return false;
      },
    );
    if (moved) {
      if (step.frameId !== cursorFrame) {
        await saveCursorFrame(tabId, step.frameId);
        // The card the last step left open is in another frame: one card at a time.
        await sendToFrame(tabId, cursorFrame, { type: "context-cards:close-card" }).catch(() => undefined);
      }
      return true;
    }
  }
  return false;
}

/** True when `sender` is one of the extension's own pages (the popup), not a content script. */
function isExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.url?.startsWith(getResourceUrl("")) === true;
}

/**
 * True when `sender` is a prerendered page (Chromium): not in its tab's frame 0 yet, so its
 * report would be taken for a frame's. It reports again once shown.
 */
function isPrerendered(sender: Runtime.MessageSender): boolean {
  return (sender as { documentLifecycle?: string }).documentLifecycle === "prerender";
}

listenForMessages({
  "context-cards:ping": () => ({ from: "background", version: getExtensionIdentity().version }),
  "context-cards:frame-report": (message, sender) => {
    const tabId = sender.tab?.id;
    const frameId = sender.frameId;
    if (tabId === undefined || frameId === undefined || !isFrameReport(message) || isPrerendered(sender))
      return undefined;
    return inTabOrder(tabId, async () => {
      await saveFrameReport(tabId, frameId, message);
      const reports = await loadFrameReports(tabId);
      // A new top document: the frames of the one before it no longer count.
      if (frameId === TOP_FRAME_ID) await forgetFrameReports(tabId, staleFramesOf(reports, message.topKey));
      if (needsTopReport(reports, frameId, message.topKey)) await askTopFrameToReport(tabId);
      else await updateBadge(tabId, reports);
      return undefined;
    });
  },
  "context-cards:frame-left": (_message, sender) => {
    const tabId = sender.tab?.id;
    const frameId = sender.frameId;
    if (tabId === undefined || frameId === undefined || frameId === TOP_FRAME_ID) return undefined;
    return inTabOrder(tabId, async () => {
      await forgetFrameReports(tabId, [frameId]);
      // The badge follows the top frame's fresh report, not the stored one: a frame also goes when
      // the whole tab navigates, and the report stored for the top frame is then the page's
      // before (the browser has cleared the badge, and a page without names does not report).
      await askTopFrameToReport(tabId);
      return undefined;
    });
  },
  "context-cards:frame-counts": async (message, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== TOP_FRAME_ID) return [];
    const children = await inTabOrder(tabId, async () =>
      childReportsOf(await loadFrameReports(tabId), message.topKey),
    );
    // Asked outside the tab's queue: a frame slow to answer must not hold up the tab's reports.
    const gone = await framesGone(tabId, children);
    if (gone.length > 0) {
      const goneReports = children.filter(([frameId]) => gone.includes(frameId));
      await inTabOrder(tabId, () => forgetGoneFrames(tabId, goneReports));
    }
    return children.filter(([frameId]) => !gone.includes(frameId)).map(([, report]) => report.entities);
  },
  "context-cards:reveal-in-tab": async ({ tabId, entityId }, sender) => {
    if (!isExtensionPage(sender) || !Number.isInteger(tabId) || typeof entityId !== "string")
      return { moved: false };
    return { moved: await inTabOrder(tabId, () => walkMentions(tabId, "next", { entityId, focus: false })) };
  },
});

listenForClosedTabs((tabId) => {
  void inTabOrder(tabId, () => forgetTab(tabId)).catch((error: unknown) =>
    console.error("Context Cards:", error),
  );
});

listenForCommands(async (command, tabId) => {
  const target = tabId ?? (await getActiveTabId());
  if (target === undefined) return;
  const direction = command === "next-mention" ? "next" : "previous";
  await inTabOrder(target, () => walkMentions(target, direction, { focus: true }));
});

// Menus outlive the worker (Chromium) and the event page (Firefox): made at install and start-up.
onInstalledOrStartup(() =>
  installSelectionMenu(MENU_ACTIONS.map((action) => ({ id: action.id, title: translate(action.titleKey) }))),
);

listenForMenuClicks(async ({ menuItemId, tabId, frameId = TOP_FRAME_ID, selectionText, frameUrl }) => {
  const message = messageForMenuItem(menuItemId);
  if (!message || tabId === undefined) return;
  const answered = await sendToFrame(tabId, frameId, message).then(
    () => true,
    () => false,
  );
  const fallback = answered ? null : fallbackForUnanswered(message, { frameId, selectionText, frameUrl });
  if (fallback) await sendToFrame(tabId, TOP_FRAME_ID, fallback).catch(() => undefined);
});
