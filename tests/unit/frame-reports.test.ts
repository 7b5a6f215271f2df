import { describe, expect, it } from "vitest";
import {
  awaitsTopReport,
  badgeNamesOf,
  childReportsOf,
  compareFramePlaces,
  type FramePingAnswer,
  type FrameReport,
  frameStepsOf,
  framesToWalk,
  goneFramesOf,
  isFrameReport,
  needsTopReport,
  staleFramesOf,
  sumEntityCounts,
  unchangedFramesOf,
  withFrameCounts,
} from "../../src/core/frame-reports";
import type { EntityCount, PageSummary } from "../../src/core/messages";

const count = (id: string, n: number, name = id[0]?.toUpperCase() + id.slice(1)): EntityCount => ({
  id,
  name,
  kind: "company",
  count: n,
});
const report = (
  topKey: number,
  entities: EntityCount[],
  active = true,
  frameKey = 0.25,
  path: number[] = [],
): FrameReport => ({ topKey, frameKey, path, active, entities });
const summary = (entities: EntityCount[], active = true): PageSummary => ({
  url: "http://127.0.0.1/page",
  title: "Page",
  active,
  scanned: true,
  mentionCount: entities.reduce((sum, item) => sum + item.count, 0),
  entities,
});

describe("isFrameReport", () => {
  it("accepts a well-formed report", () => {
    expect(isFrameReport(report(1234.5, [count("alibaba", 2)]))).toBe(true);
    expect(isFrameReport({ ...report(1, []), type: "context-cards:frame-report" })).toBe(true);
  });

  it.each([
    ["null", null],
    ["a string", "report"],
    ["no key", { frameKey: 1, path: [], active: true, entities: [] }],
    ["a NaN key", { topKey: Number.NaN, frameKey: 1, path: [], active: true, entities: [] }],
    [
      "an infinite key",
      { topKey: Number.POSITIVE_INFINITY, frameKey: 1, path: [], active: true, entities: [] },
    ],
    ["a string key", { topKey: "1", frameKey: 1, path: [], active: true, entities: [] }],
    ["no frame key", { topKey: 1, path: [], active: true, entities: [] }],
    ["a NaN frame key", { topKey: 1, frameKey: Number.NaN, path: [], active: true, entities: [] }],
    ["a string frame key", { topKey: 1, frameKey: "0.5", path: [], active: true, entities: [] }],
    ["no path", { topKey: 1, frameKey: 1, active: true, entities: [] }],
    ["a path not a list", { topKey: 1, frameKey: 1, path: "0", active: true, entities: [] }],
    ["a negative place", { topKey: 1, frameKey: 1, path: [0, -1], active: true, entities: [] }],
    ["a fractional place", { topKey: 1, frameKey: 1, path: [0.5], active: true, entities: [] }],
    ["no active flag", { topKey: 1, frameKey: 1, path: [], entities: [] }],
    ["entities not a list", { topKey: 1, frameKey: 1, path: [], active: true, entities: {} }],
    ["a count of zero", report(1, [count("qwen", 0)])],
    ["a fractional count", report(1, [count("qwen", 1.5)])],
    [
      "an entity without a name",
      { topKey: 1, frameKey: 1, path: [], active: true, entities: [{ id: "x", kind: "model", count: 1 }] },
    ],
    ["an entity that is null", { topKey: 1, frameKey: 1, path: [], active: true, entities: [null] }],
  ])("rejects %s", (_label, value) => {
    expect(isFrameReport(value)).toBe(false);
  });
});

describe("a tab's reports", () => {
  const reports = new Map<number, FrameReport>([
    [0, report(100, [count("alibaba", 3), count("qwen", 1)])],
    [7, report(100, [count("deepseek", 2)])],
    [3, report(100, [count("qwen", 4), count("openai", 1)])],
    // Left over from the page the tab showed before.
    [5, report(50, [count("bytedance", 9)])],
    // Paused there (the same site, so it would be paused on the top page too).
    [9, report(100, [], false)],
  ]);

  it("children are the frames of the same top document, in frame order, active ones only", () => {
    expect(childReportsOf(reports, 100).map(([id]) => id)).toEqual([3, 7]);
    expect(childReportsOf(reports, 50).map(([id]) => id)).toEqual([5]);
    expect(childReportsOf(reports, 1)).toEqual([]);
  });

  it("a frame that did not answer is forgotten only if its report is still the one read", () => {
    const seen: [number, FrameReport][] = [
      [3, report(100, [count("qwen", 4), count("openai", 1)])],
      [7, report(100, [count("deepseek", 1)])],
      [11, report(100, [count("baidu", 1)])],
    ];
    // 3 unchanged; 7 reported anew since (its new document answers for it); 11 already forgotten.
    expect(unchangedFramesOf(reports, seen)).toEqual([3]);
    expect(unchangedFramesOf(reports, [])).toEqual([]);
  });

  it("a frame's report no longer stands when no content script answers, or another document does", () => {
    const children: [number, FrameReport][] = [
      [3, report(100, [count("qwen", 4)], true, 0.3)],
      [7, report(100, [count("deepseek", 2)], true, 0.7)],
      [11, report(100, [count("baidu", 1)], true, 0.11)],
      [13, report(100, [count("openai", 1)], true, 0.13)],
      [17, report(100, [count("meta", 1)], true, 0.17)],
    ];
    const answers: FramePingAnswer[] = [
      // The document that reported answers: its report stands.
      { frameKey: 0.3 },
      // Another document answers (the frame navigated; its farewell was lost).
      { frameKey: 0.9 },
      // Nothing answers (the frame is gone).
      "silent",
      // No answer in time: a busy frame counts as there.
      "late",
      // An answer without a key (not a content script of this version): left standing.
      {},
    ];
    expect(goneFramesOf(children, answers)).toEqual([7, 11]);
    expect(goneFramesOf([], [])).toEqual([]);
  });

  it("children come in document order: by path, a frame before those inside it, then by id", () => {
    const placed = new Map<number, FrameReport>([
      [0, report(100, [count("alibaba", 1)])],
      // Added by a script after the others (a higher id), but first in the document.
      [21, report(100, [count("qwen", 1)], true, 0.21, [0])],
      [4, report(100, [count("deepseek", 1)], true, 0.4, [2])],
      [9, report(100, [count("openai", 1)], true, 0.9, [1, 3])],
      [6, report(100, [count("baidu", 1)], true, 0.6, [1])],
      [8, report(100, [count("meta", 1)], true, 0.8, [1, 0])],
      // Two reports that claim the same place (the frame's before and after a reload): by id.
      [12, report(100, [count("kimi", 1)], true, 0.12, [2])],
    ]);
    expect(childReportsOf(placed, 100).map(([id]) => id)).toEqual([21, 6, 8, 9, 4, 12]);
    expect(framesToWalk(placed)).toEqual([0, 21, 6, 8, 9, 4, 12]);
    expect(
      compareFramePlaces([3, report(1, [], true, 1, [1])], [2, report(1, [], true, 1, [1])]),
    ).toBeGreaterThan(0);
  });

  it("stale frames are those of any other top document, the top frame's own old report included", () => {
    expect(staleFramesOf(reports, 100)).toEqual([5]);
    expect(staleFramesOf(reports, 50).sort((a, b) => a - b)).toEqual([0, 3, 7, 9]);
  });

  it("a frame's report asks for the top frame's when that is missing or of another document", () => {
    expect(needsTopReport(reports, 3, 100)).toBe(false);
    // The top frame reported for document 100 only: a frame of document 200 needs its report.
    expect(needsTopReport(reports, 3, 200)).toBe(true);
    expect(needsTopReport(new Map(), 4, 100)).toBe(true);
    // The top frame's own report never asks for itself.
    expect(needsTopReport(new Map(), 0, 100)).toBe(false);
  });

  it("a tab awaits the top frame's report while some frame's report has none of its document", () => {
    expect(awaitsTopReport(reports)).toBe(true);
    const top = report(100, [count("alibaba", 1)]);
    expect(awaitsTopReport(new Map([[0, top]]))).toBe(false);
    expect(
      awaitsTopReport(
        new Map([
          [0, top],
          [4, report(100, [count("qwen", 1)])],
        ]),
      ),
    ).toBe(false);
    expect(awaitsTopReport(new Map([[4, report(100, [count("qwen", 1)])]]))).toBe(true);
    expect(awaitsTopReport(new Map())).toBe(false);
  });

  it("the badge counts distinct names across the top frame and its children", () => {
    // alibaba, qwen (top) + deepseek (7) + openai (3); qwen counted once; bytedance is stale.
    expect(badgeNamesOf(reports)).toBe(4);
    expect(badgeNamesOf(new Map([[0, report(100, [count("alibaba", 1)])]]))).toBe(1);
    expect(badgeNamesOf(new Map([[0, report(100, [])]]))).toBe(0);
  });

  it("the badge is off while the top page is paused, and unknown before the top frame reports", () => {
    expect(badgeNamesOf(new Map([...reports, [0, report(100, [], false)]]))).toBeNull();
    expect(badgeNamesOf(new Map([[3, report(100, [count("qwen", 1)])]]))).toBeUndefined();
  });

  it("walks the top frame, then the frames that show names (or one name), never stale ones", () => {
    expect(framesToWalk(reports)).toEqual([0, 3, 7]);
    expect(framesToWalk(reports, "qwen")).toEqual([0, 3]);
    expect(framesToWalk(reports, "deepseek")).toEqual([0, 7]);
    expect(framesToWalk(reports, "alibaba")).toEqual([0]);
    expect(framesToWalk(reports, "bytedance")).toEqual([0]);
    expect(framesToWalk(new Map())).toEqual([0]);
    // A frame that reported nothing is not worth a message.
    expect(framesToWalk(new Map([...reports, [11, report(100, [])]]))).toEqual([0, 3, 7]);
  });

  it("before the top frame has reported, walks the frames of the newest document", () => {
    const withoutTop = new Map([...reports].filter(([id]) => id !== 0));
    expect(framesToWalk(withoutTop)).toEqual([0, 3, 7]);
    expect(framesToWalk(withoutTop, "qwen")).toEqual([0, 3]);
    // Frame 5 belongs to the page before (an older document): never visited.
    expect(framesToWalk(withoutTop, "bytedance")).toEqual([0]);
    expect(framesToWalk(new Map([[5, report(50, [count("bytedance", 9)])]]), "bytedance")).toEqual([0, 5]);
  });
});

describe("frameStepsOf", () => {
  const step = (frameId: number, restart: boolean, stopAtEnd = true) => ({ frameId, restart, stopAtEnd });

  it("in a tab of one frame, asks it once and lets it wrap around", () => {
    expect(frameStepsOf([0], 0, "next")).toEqual([step(0, false, false)]);
    expect(frameStepsOf([0], 0, "previous")).toEqual([step(0, false, false)]);
    // The cursor was in a frame that has gone: start the top page afresh.
    expect(frameStepsOf([0], 4, "next")).toEqual([step(0, true, false)]);
  });

  it("goes on in the cursor's frame, then the next frames from their start, then wraps", () => {
    expect(frameStepsOf([0, 3, 7], 3, "next")).toEqual([
      step(3, false),
      step(7, true),
      step(0, true),
      step(3, true),
    ]);
    expect(frameStepsOf([0, 3, 7], 0, "next")).toEqual([
      step(0, false),
      step(3, true),
      step(7, true),
      step(0, true),
    ]);
  });

  it("goes backwards through the frames for the previous mention", () => {
    expect(frameStepsOf([0, 3, 7], 3, "previous")).toEqual([
      step(3, false),
      step(0, true),
      step(7, true),
      step(3, true),
    ]);
  });

  it("keeps the order it is given (document order), not the frames' ids", () => {
    expect(frameStepsOf([0, 21, 6], 0, "next").map((s) => s.frameId)).toEqual([0, 21, 6, 0]);
    expect(frameStepsOf([0, 21, 6], 21, "previous").map((s) => s.frameId)).toEqual([21, 0, 6, 21]);
  });

  it("starts every frame afresh when the cursor's frame is no longer walked", () => {
    expect(frameStepsOf([0, 3], 7, "next")).toEqual([step(0, true), step(3, true)]);
    expect(frameStepsOf([0, 3], 7, "previous")).toEqual([step(3, true), step(0, true)]);
  });

  it("visits every frame once before coming back to the cursor's", () => {
    const frames = [0, 2, 5, 9, 12];
    for (const cursor of frames) {
      for (const direction of ["next", "previous"] as const) {
        const steps = frameStepsOf(frames, cursor, direction);
        expect(steps).toHaveLength(frames.length + 1);
        expect(new Set(steps.map((s) => s.frameId))).toEqual(new Set(frames));
        expect(steps[0]).toEqual(step(cursor, false));
        expect(steps.at(-1)).toEqual(step(cursor, true));
      }
    }
  });
});

describe("sumEntityCounts", () => {
  it("adds counts of the same name and sorts by count, then name", () => {
    expect(
      sumEntityCounts([
        [count("alibaba", 2), count("qwen", 1)],
        [count("qwen", 2), count("deepseek", 3)],
        [count("baidu", 3)],
      ]),
    ).toEqual([count("baidu", 3), count("deepseek", 3), count("qwen", 3), count("alibaba", 2)]);
  });

  it("does not change the lists it was given", () => {
    const first = [count("qwen", 1)];
    sumEntityCounts([first, [count("qwen", 5)]]);
    expect(first).toEqual([count("qwen", 1)]);
  });
});

describe("withFrameCounts", () => {
  it("adds the frames' names and counts to the top page's summary", () => {
    const merged = withFrameCounts(summary([count("alibaba", 2)]), [[count("qwen", 1), count("alibaba", 1)]]);
    expect(merged.entities).toEqual([count("alibaba", 3), count("qwen", 1)]);
    expect(merged.mentionCount).toBe(4);
    expect(merged.url).toBe("http://127.0.0.1/page");
    expect(merged.title).toBe("Page");
  });

  it("leaves a summary without frames, or a paused one, as it is", () => {
    const own = summary([count("alibaba", 2)]);
    expect(withFrameCounts(own, [])).toBe(own);
    const paused = summary([], false);
    expect(withFrameCounts(paused, [[count("qwen", 1)]])).toBe(paused);
  });
});
