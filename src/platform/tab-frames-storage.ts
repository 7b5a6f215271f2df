/**
 * What the background keeps about each tab's frames, in `storage.session` (in memory, for
 * this browser session only, and still there when the service worker or event page wakes up
 * again): every frame's latest report (see src/core/frame-reports.ts) and the frame where the
 * last move through the tab's mentions landed. Each tab has its own keys, so handling a report
 * reads and writes that tab's alone, however many tabs are open.
 *
 * The reports of a tab are one record, read and written whole: the caller handles one change
 * of a tab at a time (the background queues them per tab), or two changes arriving together
 * could each write the record without the other's.
 */
import { type FrameReport, isFrameReport, type TabReports, TOP_FRAME_ID } from "../core/frame-reports";
import { browser } from "./browser";

/** Prefix of every key this module writes; then the tab id, ":", and "frames" or "cursor". */
export const TAB_FRAMES_PREFIX = "context-cards:tab:";

const framesKey = (tabId: number) => `${TAB_FRAMES_PREFIX}${tabId}:frames`;
const cursorKey = (tabId: number) => `${TAB_FRAMES_PREFIX}${tabId}:cursor`;

/** A tab's reports as stored: by frame id (a string, as a key). */
type StoredFrames = Record<string, FrameReport>;

/** Tab `tabId`'s reports as stored, malformed entries left out. */
async function readFrames(tabId: number): Promise<StoredFrames> {
  const key = framesKey(tabId);
  const stored = (await browser.storage.session.get(key))[key];
  const frames: StoredFrames = {};
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return frames;
  for (const [frameId, report] of Object.entries(stored)) {
    if (isFrameId(frameId) && isFrameReport(report)) frames[frameId] = report;
  }
  return frames;
}

/** True when `key` names a frame: a non-negative integer, written plainly. */
function isFrameId(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key);
}

async function writeFrames(tabId: number, frames: StoredFrames): Promise<void> {
  if (Object.keys(frames).length === 0) await browser.storage.session.remove(framesKey(tabId));
  else await browser.storage.session.set({ [framesKey(tabId)]: frames });
}

/** Keeps `report` as the latest of frame `frameId` in tab `tabId` (see the module comment). */
export async function saveFrameReport(tabId: number, frameId: number, report: FrameReport): Promise<void> {
  const { topKey, frameKey, path, active, entities } = report;
  const frames = await readFrames(tabId);
  frames[String(frameId)] = { topKey, frameKey, path, active, entities };
  await writeFrames(tabId, frames);
}

/** Tab `tabId`'s reports by frame id; malformed entries are skipped. */
export async function loadFrameReports(tabId: number): Promise<TabReports> {
  const frames = await readFrames(tabId);
  return new Map(Object.entries(frames).map(([frameId, report]) => [Number(frameId), report]));
}

/** Forgets the reports of frames `frameIds` of tab `tabId` (see the module comment). */
export async function forgetFrameReports(tabId: number, frameIds: readonly number[]): Promise<void> {
  if (frameIds.length === 0) return;
  const frames = await readFrames(tabId);
  for (const frameId of frameIds) delete frames[String(frameId)];
  await writeFrames(tabId, frames);
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
  await browser.storage.session.remove([framesKey(tabId), cursorKey(tabId)]);
}
