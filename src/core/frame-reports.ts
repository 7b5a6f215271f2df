/**
 * How the names of a tab's frames add up. Each frame's content app (the top frame's, and
 * those of embedded pages of the same origin, see src/content/index.ts) reports the names it
 * counts; the background keeps the latest report per frame, and from them come the toolbar
 * badge, the popup's page summary, and the walk through the tab's mentions across frames.
 *
 * Pure: the background stores the reports (src/platform/tab-frames-storage.ts) and the
 * top frame merges its children's counts into the summary it answers.
 */
import type { EntityCount, PageSummary } from "./messages";

/** The top frame's id in every tab (frame ids are per tab). */
export const TOP_FRAME_ID = 0;

/** What one frame reports about its document. */
export interface FrameReport {
  /**
   * The top document the frame belonged to when it reported (that document's time origin,
   * which a frame of the same origin can read): a tab's reports count only while they name
   * the document the top frame last reported, so an earlier page's frames never count.
   */
  topKey: number;
  /**
   * The reporting document's own key, drawn at random once per document: a frame's report
   * stands only while the document in the frame is the one that sent it (a frame can navigate
   * without its farewell reaching the background).
   */
  frameKey: number;
  /**
   * Where the frame sat in the top document when it reported, outermost first: the index of
   * the top document's frame that holds it, then of the frame inside that one, and so on down
   * to the frame itself (see readFramePath in src/content/frame-place.ts; the top frame: none).
   * Frames are counted and walked in this order.
   */
  path: number[];
  /** False while the extension is off or paused on the page. */
  active: boolean;
  /** The names counted there, most first (as in a page summary). */
  entities: EntityCount[];
}

/** A tab's latest report of each frame, by frame id. */
export type TabReports = ReadonlyMap<number, FrameReport>;

function isEntityCount(value: unknown): value is EntityCount {
  if (typeof value !== "object" || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.id === "string" &&
    typeof item.name === "string" &&
    typeof item.kind === "string" &&
    typeof item.count === "number" &&
    Number.isInteger(item.count) &&
    item.count > 0
  );
}

/**
 * True when `value` is a well-formed report: a finite key, a boolean, whole positive counts.
 * Reports cross process boundaries and sit in storage; anything else is ignored, never trusted.
 */
export function isFrameReport(value: unknown): value is FrameReport {
  if (typeof value !== "object" || value === null) return false;
  const report = value as Record<string, unknown>;
  return (
    typeof report.topKey === "number" &&
    Number.isFinite(report.topKey) &&
    typeof report.frameKey === "number" &&
    Number.isFinite(report.frameKey) &&
    Array.isArray(report.path) &&
    report.path.every((index) => Number.isSafeInteger(index) && (index as number) >= 0) &&
    typeof report.active === "boolean" &&
    Array.isArray(report.entities) &&
    report.entities.every(isEntityCount)
  );
}

/**
 * Orders frames as their containers stand in the top document: by path (see FrameReport), a
 * frame before the frames inside it; by frame id where the paths are the same.
 */
export function compareFramePlaces(a: [number, FrameReport], b: [number, FrameReport]): number {
  const [pathA, pathB] = [a[1].path, b[1].path];
  for (let at = 0; at < Math.min(pathA.length, pathB.length); at++) {
    const step = (pathA[at] as number) - (pathB[at] as number);
    if (step !== 0) return step;
  }
  return pathA.length - pathB.length || a[0] - b[0];
}

/**
 * The reports of frames other than the top one that belong to top document `topKey`, in
 * document order (see `compareFramePlaces`).
 */
export function childReportsOf(reports: TabReports, topKey: number): [number, FrameReport][] {
  return [...reports]
    .filter(([frameId, report]) => frameId !== TOP_FRAME_ID && report.topKey === topKey && report.active)
    .sort(compareFramePlaces);
}

/**
 * Frame ids whose reports should be forgotten once the top frame has reported `topKey`: the
 * frames of every other top document (pages the tab showed before, or since left).
 */
export function staleFramesOf(reports: TabReports, topKey: number): number[] {
  return [...reports].filter(([, report]) => report.topKey !== topKey).map(([frameId]) => frameId);
}

/**
 * Of the reports `seen` (frame id and report, as read earlier), the frames whose report is
 * still the same in `reports`: a frame that reported anew since, or was forgotten, is left out.
 */
export function unchangedFramesOf(reports: TabReports, seen: readonly [number, FrameReport][]): number[] {
  return seen
    .filter(([frameId, report]) => JSON.stringify(reports.get(frameId)) === JSON.stringify(report))
    .map(([frameId]) => frameId);
}

/**
 * How a frame answered the background's ping: "silent" when no content script answered (the
 * frame is gone, or shows a page the extension does not run on), "late" when none answered in
 * time, else the answer itself (see ContentPong).
 */
export type FramePingAnswer = "silent" | "late" | { frameKey?: unknown };

/**
 * Of `children` (frame id and report), the frames whose report no longer stands, given each
 * one's `answers` (in the same order): no content script answered, or one did from another
 * document than the one that reported (the frame navigated, and its farewell was lost). A late
 * answer, or one without a key, leaves the report standing.
 */
export function goneFramesOf(
  children: readonly [number, FrameReport][],
  answers: readonly FramePingAnswer[],
): number[] {
  return children
    .filter(([, report], at) => {
      const answer = answers[at];
      if (answer === "silent") return true;
      if (answer === undefined || answer === "late") return false;
      return typeof answer.frameKey === "number" && answer.frameKey !== report.frameKey;
    })
    .map(([frameId]) => frameId);
}

/**
 * True when a report of frame `frameId` for top document `topKey` should bring the top frame's
 * report in: a frame other than the top one, and no report of the top frame for that document
 * (a page without names leaves the top frame silent, and its frames' names count only with it).
 */
export function needsTopReport(reports: TabReports, frameId: number, topKey: number): boolean {
  return frameId !== TOP_FRAME_ID && reports.get(TOP_FRAME_ID)?.topKey !== topKey;
}

/**
 * True when a frame's report of `reports` still waits for the top frame's report of its
 * document (see `needsTopReport`): its names reach the badge only once that comes.
 */
export function awaitsTopReport(reports: TabReports): boolean {
  for (const [frameId, report] of reports) {
    if (needsTopReport(reports, frameId, report.topKey)) return true;
  }
  return false;
}

/**
 * What the toolbar badge shows for a tab: the number of distinct names across the top frame
 * and its same-origin frames; null while the extension is paused or off on the page (no
 * badge); undefined until the top frame has reported (leave the badge as it is).
 */
export function badgeNamesOf(reports: TabReports): number | null | undefined {
  const top = reports.get(TOP_FRAME_ID);
  if (!top) return undefined;
  if (!top.active) return null;
  const ids = new Set(top.entities.map((item) => item.id));
  for (const [, report] of childReportsOf(reports, top.topKey)) {
    for (const item of report.entities) ids.add(item.id);
  }
  return ids.size;
}

/** The order of names in a summary: by count (most first), then by name. */
export function compareEntityCounts(a: EntityCount, b: EntityCount): number {
  return b.count - a.count || a.name.localeCompare(b.name);
}

/** Sums counts of the same name; in summary order (see compareEntityCounts). */
export function sumEntityCounts(lists: readonly (readonly EntityCount[])[]): EntityCount[] {
  const byId = new Map<string, EntityCount>();
  for (const list of lists) {
    for (const item of list) {
      const seen = byId.get(item.id);
      byId.set(item.id, seen ? { ...seen, count: seen.count + item.count } : { ...item });
    }
  }
  return [...byId.values()].sort(compareEntityCounts);
}

/**
 * The top frame's summary with its same-origin frames' names added (`frames`: each frame's
 * counts). A paused or inactive summary is returned as it is.
 */
export function withFrameCounts(
  summary: PageSummary,
  frames: readonly (readonly EntityCount[])[],
): PageSummary {
  if (!summary.active || frames.length === 0) return summary;
  const entities = sumEntityCounts([summary.entities, ...frames]);
  const mentionCount = entities.reduce((sum, item) => sum + item.count, 0);
  return { ...summary, entities, mentionCount };
}

/**
 * One step of a walk through a tab's mentions: ask frame `frameId` for its next (previous)
 * mention, going on from its own cursor or, with `restart`, from its first (last) one. With
 * `stopAtEnd`, a frame past its last (first) mention answers that it did not move instead of
 * wrapping around, so the walk goes on in the next frame.
 */
export interface FrameStep {
  frameId: number;
  restart: boolean;
  stopAtEnd: boolean;
}

/**
 * The steps of one move through a tab's mentions, tried in order until a frame moves.
 * `frames`: the frames that show names, in walk order (see `framesToWalk`); `cursorFrame`:
 * where the last move landed. The cursor's frame goes on from its cursor, then each other
 * frame in order (reversed for "previous") from its start, then the cursor's frame again from
 * its start, which wraps the walk around. A tab with one frame is one step that wraps by itself.
 */
export function frameStepsOf(
  frames: readonly number[],
  cursorFrame: number,
  direction: "next" | "previous",
): FrameStep[] {
  const order = [...new Set(frames)];
  if (direction === "previous") order.reverse();
  if (order.length <= 1) {
    const frameId = order[0] ?? TOP_FRAME_ID;
    return [{ frameId, restart: frameId !== cursorFrame, stopAtEnd: false }];
  }
  const at = order.indexOf(cursorFrame);
  if (at === -1) return order.map((frameId) => ({ frameId, restart: true, stopAtEnd: true }));
  const others = [...order.slice(at + 1), ...order.slice(0, at)];
  return [
    { frameId: cursorFrame, restart: false, stopAtEnd: true },
    ...others.map((frameId) => ({ frameId, restart: true, stopAtEnd: true })),
    { frameId: cursorFrame, restart: true, stopAtEnd: true },
  ];
}

/**
 * The frames whose mentions a walk visits: the top frame, then the child frames of its
 * document that count any name (or `entityId`, when given), in document order. Until the top
 * frame has reported, its document is taken to be the newest one its frames name (a key is
 * the document's time origin, which grows with each page the tab shows).
 */
export function framesToWalk(reports: TabReports, entityId?: string): number[] {
  // The top frame reports a moment after its frames may have (each waits for its own first
  // pass): a walk asked for in between still visits the frames the popup already counts.
  const topKey =
    reports.get(TOP_FRAME_ID)?.topKey ??
    Math.max(...[...reports].filter(([id]) => id !== TOP_FRAME_ID).map(([, report]) => report.topKey));
  const children = childReportsOf(reports, topKey)
    .filter(([, report]) => report.entities.some((item) => entityId === undefined || item.id === entityId))
    .map(([frameId]) => frameId);
  return [TOP_FRAME_ID, ...children];
}
