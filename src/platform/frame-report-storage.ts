/**
 * The frames' reports (see src/core/frame-reports.ts), kept by the background in
 * `storage.session`: in memory, for this browser session only, and still there when the
 * service worker or event page wakes up again. One key per frame, so reports that arrive
 * together never overwrite each other.
 */
import { type FrameReport, isFrameReport, type TabReports } from "../core/frame-reports";
import { browser } from "./browser";

/** Prefix of every key this module writes. */
export const FRAME_REPORT_PREFIX = "context-cards:frame:";

const keyOf = (tabId: number, frameId: number) => `${FRAME_REPORT_PREFIX}${tabId}:${frameId}`;

/** Keeps `report` as the latest of frame `frameId` in tab `tabId`. */
export async function saveFrameReport(tabId: number, frameId: number, report: FrameReport): Promise<void> {
  const { topKey, active, entities } = report;
  await browser.storage.session.set({ [keyOf(tabId, frameId)]: { topKey, active, entities } });
}

/** Tab `tabId`'s reports by frame id; malformed entries are skipped. */
export async function loadFrameReports(tabId: number): Promise<TabReports> {
  const all = await browser.storage.session.get(null);
  const prefix = `${FRAME_REPORT_PREFIX}${tabId}:`;
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
  if (frameIds.length > 0) await browser.storage.session.remove(frameIds.map((id) => keyOf(tabId, id)));
}

/** Forgets every entry of tab `tabId` (closed), malformed ones too. */
export async function forgetTabReports(tabId: number): Promise<void> {
  const prefix = `${FRAME_REPORT_PREFIX}${tabId}:`;
  const keys = Object.keys(await browser.storage.session.get(null)).filter((key) => key.startsWith(prefix));
  if (keys.length > 0) await browser.storage.session.remove(keys);
}
