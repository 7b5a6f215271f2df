/**
 * What the background keeps about each tab's frames, in `storage.session` (in memory, for
 * this browser session only, and still there when the service worker or event page wakes up
 * again): every frame's latest report (see src/core/frame-reports.ts), one key per frame so
 * reports that arrive together never overwrite each other, and the frame where the last move
 * through the tab's mentions landed.
 */
import { type FrameReport, isFrameReport, type TabReports, TOP_FRAME_ID } from "../core/frame-reports";
import { browser } from "./browser";

/** Prefix of every key this module writes; then the tab id, ":", and a frame id or "cursor". */
export const TAB_FRAMES_PREFIX = "context-cards:tab:";

const tabPrefix = (tabId: number) => `${TAB_FRAMES_PREFIX}${tabId}:`;
const reportKey = (tabId: number, frameId: number) => `${tabPrefix(tabId)}${frameId}`;
const cursorKey = (tabId: number) => `${tabPrefix(tabId)}cursor`;

/** Keeps `report` as the latest of frame `frameId` in tab `tabId`. */
export async function saveFrameReport(tabId: number, frameId: number, report: FrameReport): Promise<void> {
  const { topKey, active, entities } = report;
  await browser.storage.session.set({ [reportKey(tabId, frameId)]: { topKey, active, entities } });
}

/** Tab `tabId`'s reports by frame id; malformed entries are skipped. */
export async function loadFrameReports(tabId: number): Promise<TabReports> {
  const all = await browser.storage.session.get(null);
  const prefix = tabPrefix(tabId);
  const reports = new Map<number, FrameReport>();
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(prefix) || !isFrameReport(value)) continue;
    const frameId = Number(key.slice(prefix.length));
    if (Number.isInteger(frameId) && frameId >= 0) reports.set(frameId, value);
  }
  return reports;
}

/** Forgets the reports of frames `frameIds` of tab `tabId`. */
export async function forgetFrameReports(tabId: number, frameIds: readonly number[]): Promise<void> {
  if (frameIds.length > 0) await browser.storage.session.remove(frameIds.map((id) => reportKey(tabId, id)));
}

/** Remembers that the last move through tab `tabId`'s mentions landed in frame `frameId`. */
export async function saveCursorFrame(tabId: number, frameId: number): Promise<void> {
  await browser.storage.session.set({ [cursorKey(tabId)]: frameId });
}

/** The frame where the last move through tab `tabId`'s mentions landed (the top frame at first). */
export async function loadCursorFrame(tabId: number): Promise<number> {
  const value = (await browser.storage.session.get(cursorKey(tabId)))[cursorKey(tabId)];
  return Number.isInteger(value) && (value as number) >= 0 ? (value as number) : TOP_FRAME_ID;
}

/** Forgets everything about tab `tabId` (closed), malformed entries too. */
export async function forgetTab(tabId: number): Promise<void> {
  const prefix = tabPrefix(tabId);
  const keys = Object.keys(await browser.storage.session.get(null)).filter((key) => key.startsWith(prefix));
  if (keys.length > 0) await browser.storage.session.remove(keys);
}
