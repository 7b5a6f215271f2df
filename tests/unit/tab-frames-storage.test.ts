import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FrameReport } from "../../src/core/frame-reports";
import {
  forgetFrameReports,
  forgetTab,
  loadCursorFrame,
  loadFrameReports,
  saveCursorFrame,
  saveFrameReport,
  TAB_FRAMES_PREFIX,
} from "../../src/platform/tab-frames-storage";

// An in-memory storage.session, with the browser's get/set/remove semantics; it counts the
// reads of everything (get(null)), which this module must never need.
const fake = vi.hoisted(() => {
  const state = { items: {} as Record<string, unknown>, readsOfAll: 0 };
  const session = {
    get: async (keys: null | string) => {
      const all = structuredClone(state.items);
      if (keys === null) {
        state.readsOfAll++;
        return all;
      }
      return keys in all ? { [keys]: all[keys] } : {};
    },
    set: async (patch: Record<string, unknown>) => {
      Object.assign(state.items, structuredClone(patch));
    },
    remove: async (keys: string | string[]) => {
      for (const key of typeof keys === "string" ? [keys] : keys) delete state.items[key];
    },
  };
  return { state, browser: { storage: { session } } };
});

vi.mock("../../src/platform/browser", () => ({ browser: fake.browser }));

const report = (topKey: number, ids: string[] = ["qwen"]): FrameReport => ({
  topKey,
  frameKey: topKey / 1000,
  path: [1, 0],
  active: true,
  entities: ids.map((id) => ({ id, name: id, kind: "model", count: 1 })),
});

beforeEach(() => {
  fake.state.items = {};
  fake.state.readsOfAll = 0;
});

describe("tab-frames storage", () => {
  it("keeps one report per frame, the latest, and only what a report holds", async () => {
    await saveFrameReport(1, 0, report(100));
    await saveFrameReport(1, 4, {
      ...report(100, ["alibaba"]),
      type: "context-cards:frame-report",
    } as FrameReport);
    await saveFrameReport(1, 4, report(100, ["deepseek"]));
    expect(await loadFrameReports(1)).toEqual(
      new Map([
        [0, report(100)],
        [4, report(100, ["deepseek"])],
      ]),
    );
    expect(Object.keys(fake.state.items)).toEqual([`${TAB_FRAMES_PREFIX}1:frames`]);
  });

  it("never mixes tabs whose ids share digits (1 and 12)", async () => {
    await saveFrameReport(1, 0, report(100, ["a"]));
    await saveFrameReport(12, 0, report(200, ["b"]));
    await saveFrameReport(12, 3, report(200, ["c"]));
    expect([...(await loadFrameReports(1)).keys()]).toEqual([0]);
    expect([...(await loadFrameReports(12)).keys()].sort()).toEqual([0, 3]);
    await forgetTab(1);
    expect((await loadFrameReports(1)).size).toBe(0);
    expect((await loadFrameReports(12)).size).toBe(2);
  });

  it("skips corrupt entries, and a closed tab's are all forgotten, corrupt ones too", async () => {
    await saveFrameReport(7, 0, report(100));
    const key = `${TAB_FRAMES_PREFIX}7:frames`;
    const frames = fake.state.items[key] as Record<string, unknown>;
    frames["2"] = { topKey: "yesterday", active: true, entities: [] };
    frames["-1"] = report(100);
    frames.x = report(100);
    frames["01"] = report(100);
    fake.state.items["someone-else:7:0"] = report(100);
    expect([...(await loadFrameReports(7)).keys()]).toEqual([0]);
    // The next write keeps the good entries only.
    await saveFrameReport(7, 3, report(100));
    expect(Object.keys(fake.state.items[key] as object).sort()).toEqual(["0", "3"]);
    await forgetTab(7);
    expect(Object.keys(fake.state.items)).toEqual(["someone-else:7:0"]);
  });

  it("reads a tab's record whatever is stored there, and starts over when it is not one", async () => {
    for (const junk of [null, "frames", 42, [report(100)]]) {
      fake.state.items[`${TAB_FRAMES_PREFIX}8:frames`] = junk;
      expect((await loadFrameReports(8)).size).toBe(0);
    }
    await saveFrameReport(8, 1, report(100));
    expect([...(await loadFrameReports(8)).keys()]).toEqual([1]);
  });

  it("reads and writes only the tab's own keys, however many tabs there are", async () => {
    for (let tabId = 1; tabId <= 50; tabId++) await saveFrameReport(tabId, 0, report(100));
    await saveFrameReport(9, 2, report(100));
    await loadFrameReports(9);
    await forgetFrameReports(9, [2]);
    await saveCursorFrame(9, 0);
    await loadCursorFrame(9);
    await forgetTab(9);
    expect(fake.state.readsOfAll).toBe(0);
    expect(Object.keys(fake.state.items)).toHaveLength(49);
  });

  it("removes a tab's record once its last frame is forgotten", async () => {
    await saveFrameReport(4, 5, report(100));
    await forgetFrameReports(4, [5]);
    expect(fake.state.items).toEqual({});
  });

  it("forgets the frames it is told to, and nothing else", async () => {
    for (const frameId of [0, 1, 2, 3]) await saveFrameReport(5, frameId, report(100));
    await forgetFrameReports(5, [1, 3]);
    await forgetFrameReports(5, []);
    expect([...(await loadFrameReports(5)).keys()].sort()).toEqual([0, 2]);
  });

  it("remembers where the last step through a tab's mentions landed (the top frame at first)", async () => {
    expect(await loadCursorFrame(3)).toBe(0);
    await saveCursorFrame(3, 9);
    expect(await loadCursorFrame(3)).toBe(9);
    // The cursor is not a frame's report.
    expect((await loadFrameReports(3)).size).toBe(0);
    fake.state.items[`${TAB_FRAMES_PREFIX}3:cursor`] = "nine";
    expect(await loadCursorFrame(3)).toBe(0);
    await forgetTab(3);
    expect(fake.state.items).toEqual({});
  });
});
