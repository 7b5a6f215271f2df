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

/**
 * Pulls items from `next` (until it returns `undefined`) and passes each to `work`, yielding
 * to the browser whenever a slice has used `budgetMs`. A slice always does at least one item.
 * `isCancelled` is checked between slices and ends the run early.
 */
export async function runInSlices<T>(
  next: () => T | undefined,
  work: (item: T) => void,
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
    do {
      work(item);
      report.items++;
      item = next();
    } while (item !== undefined && clock.now() - sliceStart < budgetMs);
    report.longestSliceMs = Math.max(report.longestSliceMs, clock.now() - sliceStart);
    if (item !== undefined) await clock.yieldToBrowser();
  }
  return report;
}
