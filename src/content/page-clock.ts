/** The content script's SliceClock: performance.now, and the fastest honest way to yield. */
import type { SliceClock } from "../core/time-slicer";

interface YieldingScheduler {
  yield?: () => Promise<void>;
}

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

/** Yields to the event loop: scheduler.yield() where the browser has it, else a message-channel task. */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: YieldingScheduler }).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/** The clock used for slicing work in pages. */
export const pageClock: SliceClock = {
  now: () => performance.now(),
  yieldToBrowser,
};
