/**
 * Runs one variant (one extension in its own browser) over the pages, tracing each tab from
 * navigation until the variant reports that its first pass is done, then a short settle so
 * the frame its changes caused is in the trace.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { launchWithExtension, openBridge, startRecording } from "./browser.mjs";
import { functionTimes } from "./hotspots.mjs";
import { START_MARK } from "./peers.mjs";
import { attribute, sinceTracingStarted } from "./trace.mjs";

const POLL_MS = 100;
// Long enough for the frame after the last change (16 ms at 60 Hz) and a few more.
const SETTLE_MS = 150;
const LOAD_TIMEOUT_MS = 30_000;

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` until it returns something truthy or `timeoutMs` passes (then undefined). */
export async function pollUntil(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await sleep(POLL_MS);
  }
  return undefined;
}

/** The three variants: how to find each one's "first pass done" signal. */
export function makeVariants({ ourExtension, peers }) {
  return [
    {
      key: "ours",
      label: "Context Cards",
      dir: ourExtension,
      bridgePage: "options.html",
      timeoutMs: 60_000,
      // Our content script answers the summary; `scanned` turns true after the first pass.
      done: async (bridge, page) => {
        const summary = await bridge.summaryOf(page);
        return summary?.scanned ? summary : undefined;
      },
      changedPage: (summary) => summary.mentionCount > 0,
      // Which of our functions the time goes to (see hotspots.mjs).
      profileFunctions: true,
    },
    {
      key: "bare",
      label: "bare walk",
      dir: peers.bareWalk,
      bridgePage: "bridge.html",
      timeoutMs: 60_000,
      done: (bridge, page) => bridge.peerResultOf(page),
      changedPage: () => false,
      markName: START_MARK,
    },
    {
      key: "markjs",
      label: "mark.js",
      dir: peers.markjs,
      bridgePage: "bridge.html",
      // One pass per alias over every text node: large pages take tens of seconds.
      timeoutMs: 240_000,
      done: (bridge, page) => bridge.peerResultOf(page),
      changedPage: (result) => result.marks > 0,
      markName: START_MARK,
    },
  ];
}

/**
 * Saves a recording, when `dir` is set (--save-traces): `name.json`, the trace in the format
 * DevTools' Performance panel loads, and `name.cpuprofile`, the JS profile (same clock).
 * The way to see for yourself what a figure is made of.
 */
export async function saveTrace(dir, name, { events, profile }) {
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  const base = join(dir, name.replace(/[^\w.-]+/g, "_"));
  await writeFile(`${base}.json`, JSON.stringify({ traceEvents: events }));
  if (profile) await writeFile(`${base}.cpuprofile`, JSON.stringify(profile));
}

/** Measures `variant` on one page URL with an already launched browser. */
async function measurePage(browser, bridge, variant, url, traceDir) {
  const page = await browser.context.newPage();
  try {
    const recording = await startRecording(browser.context, page);
    const started = Date.now();
    let loadError;
    // The content script runs at document_idle whenever the browser decides; waiting for more
    // than DOMContentLoaded would only delay polling, not change what is measured.
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: LOAD_TIMEOUT_MS }).catch((error) => {
      loadError = String(error.message ?? error).split("\n")[0];
    });
    const result = await pollUntil(() => variant.done(bridge, page), variant.timeoutMs);
    const wallMs = Date.now() - started;
    await sleep(SETTLE_MS);
    const stopping = Date.now();
    const recorded = await recording.stop();
    const stopMs = Date.now() - stopping;
    const events = sinceTracingStarted(recorded.events);
    const { profile } = recorded;
    await saveTrace(traceDir, `${variant.key}-${new URL(url).pathname.slice(1)}`, { events, profile });
    const origin = `chrome-extension://${browser.extensionId}/`;
    const figures = attribute(events, profile, origin, {
      changedPage: result ? variant.changedPage(result) : true,
      markName: variant.markName,
      world: true,
    });
    const functions = variant.profileFunctions ? functionTimes(profile, origin) : undefined;
    return { url, result, figures, functions, wallMs, stopMs, loadError, timedOut: result === undefined };
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Why a measurement cannot be used, or undefined when it can: it timed out, the trace shows
 * nothing of the content script, or the trace holds none of its tasks although the script
 * reported being done (a task of tens of seconds — mark.js on the largest page — can be
 * missing from a trace whose buffer it outlasted; counting it as 0 ms would be a lie).
 */
export function problemOf(measurement) {
  if (measurement.timedOut) return "timed out";
  if (!measurement.figures) return "no trace of the content script";
  if (measurement.figures.tasks === 0) return "its task is missing from the trace";
  return undefined;
}

/** Of several measurements of one page, the one with the median total (an unusable one counts as slowest). */
export function medianMeasurement(measurements) {
  const total = (m) => (problemOf(m) ? Number.POSITIVE_INFINITY : m.figures.totalMs);
  const sorted = [...measurements].sort((a, b) => total(a) - total(b));
  return sorted[(sorted.length - 1) >> 1];
}

/** Of several loads of one page, the one with the median total (an unusable load counts as slowest). */
export function medianLoad(loads) {
  // Every load's total too, in load order (a later load of a page might differ systematically).
  return {
    ...medianMeasurement(loads),
    loads: loads.length,
    loadTotalsMs: loads.map((m) => m.figures?.totalMs),
  };
}

/**
 * Runs `variant` over `urls` in one browser; calls `onPage(index, measurement)` after each.
 * With `repeat` > 1 each page is loaded that many times and the load with the median total is
 * kept. `afterPages(browser, bridge)` may use the same browser before it closes (dynamic scenario).
 */
export async function runVariant(variant, urls, { onPage, afterPages, traceDir, repeat = 1 } = {}) {
  const browser = await launchWithExtension(variant.dir);
  const bridge = await openBridge(browser.context, browser.extensionId, variant.bridgePage);
  const measurements = [];
  let extra;
  try {
    for (const [index, url] of urls.entries()) {
      const loads = [];
      for (let load = 0; load < repeat; load++) {
        loads.push(await measurePage(browser, bridge, variant, url, traceDir));
      }
      const measurement = repeat > 1 ? medianLoad(loads) : loads[0];
      measurements.push(measurement);
      onPage?.(index, measurement);
    }
    if (afterPages) extra = await afterPages(browser, bridge);
  } finally {
    await bridge.close().catch(() => {});
    await browser.close();
  }
  return { measurements, extra, browserVersion: browser.version };
}
