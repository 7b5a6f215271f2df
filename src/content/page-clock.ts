/**
 * The content script's SliceClock: Date.now (a plain JS builtin; `performance` is a DOM object
 * whose first use in the content script's world costs more than the whole clock is worth at
 * a slice budget of several ms), and the fastest honest way to yield.
 */
import type { SliceClock } from "../core/time-slicer";

interface YieldingScheduler {
  yield?: () => Promise<void>;
}

// Only where scheduler.yield is missing, and made then: most pages never need it.
let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

function messageChannel(): MessageChannel {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return channel;
}

/** Yields to the event loop: scheduler.yield() where the browser has it, else a message-channel task. */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: YieldingScheduler }).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  return new Promise((resolve) => {
    waiting.push(resolve);
    messageChannel().port2.postMessage(null);
  });
}

/** The clock used for slicing work in pages. */
export const pageClock: SliceClock = {
  now: () => Date.now(),
  yieldToBrowser,
};
