/**
 * Cooperative time slicing: do a queue of small jobs in slices of a few milliseconds,
 * handing control back to the browser between slices, so no task we run gets long.
 * Pure: the clock and the way to yield are passed in, so tests can drive it.
 */

/** How a slicer reads time and yields; in a page: performance.now and scheduler.yield. */
export interface SliceClock {
  now(): number;
  yieldToBrowser(): Promise<void>;
}

/** What a sliced run did, for benchmarks and tests. */
export interface SliceReport {
  items: number;
  slices: number;
  /** The longest time spent without yielding, in clock units (ms). */
  longestSliceMs: number;
  /** True when `isCancelled` stopped the run before the queue was empty. */
  cancelled: boolean;
}

/** Work weight between two readings of the clock (see `runInSlices`). */
export const CLOCK_CHECK_WEIGHT = 512;

/**
 * Pulls items from `next` (until it returns `undefined`) and passes each to `work`, yielding
 * to the browser whenever a slice has used `budgetMs`. A slice always does at least one item.
 * `isCancelled` is checked between slices and after each item's work, and ends the run early:
 * no item is taken from `next` after it turns true (a caller may go on from where `next` stands).
 *
 * Reading the clock is not free next to tiny items, so `work` may return the item's weight
 * (e.g. characters processed): the clock is read once the weights since the last reading reach
 * {@link CLOCK_CHECK_WEIGHT}. Items that return no number weigh that much each, so the clock
 * is read after every one of them.
 */
export async function runInSlices<T>(
  next: () => T | undefined,
  work: (item: T) => unknown,
  clock: SliceClock,
  budgetMs = 6,
  isCancelled: () => boolean = () => false,
): Promise<SliceReport> {
  const report: SliceReport = { items: 0, slices: 0, longestSliceMs: 0, cancelled: false };
  let item = next();
  while (item !== undefined) {
    if (isCancelled()) {
      report.cancelled = true;
      return report;
    }
    const sliceStart = clock.now();
    report.slices++;
    let weight = 0;
    do {
      const itemWeight = work(item);
      weight += typeof itemWeight === "number" ? itemWeight : CLOCK_CHECK_WEIGHT;
      report.items++;
      if (isCancelled()) {
        report.cancelled = true;
        report.longestSliceMs = Math.max(report.longestSliceMs, clock.now() - sliceStart);
        return report;
      }
      item = next();
      if (weight < CLOCK_CHECK_WEIGHT) continue;
      weight = 0;
      if (clock.now() - sliceStart >= budgetMs) break;
    } while (item !== undefined);
    report.longestSliceMs = Math.max(report.longestSliceMs, clock.now() - sliceStart);
    if (item !== undefined) await clock.yieldToBrowser();
  }
  return report;
}
