import { describe, expect, it } from "vitest";
import { CLOCK_CHECK_WEIGHT, runInSlices, type SliceClock } from "../../src/core/time-slicer";

/** A fake clock where each item of work costs `cost` ms; counts the yields. */
function fakeClock(cost: number) {
  let now = 0;
  const clock: SliceClock & { yields: number; tick(): void } = {
    yields: 0,
    now: () => now,
    tick: () => {
      now += cost;
    },
    yieldToBrowser: async () => {
      clock.yields++;
    },
  };
  return clock;
}

function queue<T>(items: T[]): () => T | undefined {
  let i = 0;
  return () => items[i++];
}

describe("runInSlices", () => {
  it("does every item in order", async () => {
    const clock = fakeClock(1);
    const seen: number[] = [];
    const report = await runInSlices(
      queue([1, 2, 3, 4, 5]),
      (n) => {
        seen.push(n);
        clock.tick();
      },
      clock,
      100,
    );
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(report).toMatchObject({ items: 5, slices: 1, cancelled: false });
  });

  it("yields whenever a slice has used its budget", async () => {
    const clock = fakeClock(2);
    const report = await runInSlices(
      queue(Array.from({ length: 10 }, (_, i) => i)),
      () => clock.tick(),
      clock,
      5,
    );
    // 2 ms per item, 5 ms budget: three items (6 ms) per slice, so four slices and three yields.
    expect(report.slices).toBe(4);
    expect(clock.yields).toBe(3);
    expect(report.longestSliceMs).toBe(6);
  });

  it("does at least one item per slice even when one item exceeds the budget", async () => {
    const clock = fakeClock(50);
    const report = await runInSlices(queue(["a", "b"]), () => clock.tick(), clock, 5);
    expect(report).toMatchObject({ items: 2, slices: 2 });
  });

  it("stops between slices when cancelled", async () => {
    const clock = fakeClock(3);
    let cancel = false;
    const report = await runInSlices(
      queue([1, 2, 3, 4, 5, 6]),
      (n) => {
        clock.tick();
        if (n === 2) cancel = true;
      },
      clock,
      5,
      () => cancel,
    );
    expect(report.cancelled).toBe(true);
    expect(report.items).toBe(2);
  });

  it("takes no item after the one whose work cancels the run", async () => {
    const clock = fakeClock(0);
    const items = [1, 2, 3, 4];
    let taken = 0;
    let cancel = false;
    const report = await runInSlices(
      () => {
        const item = items[taken];
        if (item !== undefined) taken++;
        return item;
      },
      (n) => {
        if (n === 2) cancel = true;
      },
      clock,
      5,
      () => cancel,
    );
    expect(report).toMatchObject({ cancelled: true, items: 2 });
    // The caller's queue still holds 3 and 4.
    expect(taken).toBe(2);
  });

  it("reads the clock only once enough weighted work is done, and yields at the next reading", async () => {
    const clock = fakeClock(1);
    let reads = 0;
    const counted: SliceClock = {
      now: () => {
        reads++;
        return clock.now();
      },
      yieldToBrowser: () => clock.yieldToBrowser(),
    };
    const light = CLOCK_CHECK_WEIGHT / 8;
    const report = await runInSlices(
      queue(Array.from({ length: 32 }, (_, i) => i)),
      () => {
        clock.tick();
        return light;
      },
      counted,
      4,
    );
    // 32 items of 1 ms with a 4 ms budget: the clock is read every 8 items, so slices hold 8.
    expect(report).toMatchObject({ items: 32, slices: 4 });
    // Per slice: the start, one reading per 8 items, and the slice's length at its end.
    expect(reads).toBe(4 * 3);
  });

  it("handles an empty queue without yielding", async () => {
    const clock = fakeClock(1);
    const report = await runInSlices(queue([]), () => clock.tick(), clock);
    expect(report).toMatchObject({ items: 0, slices: 0 });
    expect(clock.yields).toBe(0);
  });
});
