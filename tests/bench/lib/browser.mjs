/**
 * Headless Chromium with exactly one extension loaded, and main-thread tracing of a tab.
 * Pages' external resources fail fast: every non-loopback request goes to a proxy on port 1,
 * where nothing listens (Chromium bypasses proxies for loopback, so 127.0.0.1 is served).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ??
  ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));

const ARGS = [
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--disable-dev-shm-usage",
  // One list (a later --disable-features may replace Playwright's): its own entries that matter
  // here, plus:
  // - the spare renderer, a pre-started process that is traced while idle and then hands its
  //   stale trace buffer to the next session, which garbles that page's trace;
  // - site isolation: every cross-site iframe of a saved page (offline, an error page) gets a
  //   process of its own, and each such process delays the end of every trace by ~6 s, which
  //   tripled the run. Without it those frames share the page's process and main thread; their
  //   work is "other script" there, not counted for any variant.
  "--disable-features=SpareRendererForSitePerProcess,IsolateOrigins,site-per-process,PaintHolding,Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,LensOverlay,HttpsUpgrades,NetworkTimeServiceQuerying,PreconnectToSearch",
  "--disable-site-isolation-trials",
  // Hidden tabs get their timers and frames throttled; a benchmark tab must not.
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
  "--disable-backgrounding-occluded-windows",
  "--proxy-server=http://127.0.0.1:1",
];

/**
 * Main-thread tracing categories: top-level tasks and the messages that start them
 * (toplevel), microtasks (v8.execute), compiles (v8), frame lifecycle phases (benchmark) and
 * User Timing marks. Deliberately not "devtools.timeline" (see the note at the top of trace.mjs), nor the
 * trace's own CPU profiler: it samples every 100 µs and, after a long script such as mark.js,
 * takes about three times that script's duration to hand its samples over.
 */
export const TRACE_CATEGORIES = [
  "toplevel",
  "v8.execute",
  // A handful of events per page, among them where each script's compile ends (trace.mjs).
  // Not "disabled-by-default-v8.compile": recording it made our module's first pass 2–3 ms
  // slower (paired runs), while the bare walk barely moved.
  "v8",
  "benchmark",
  "blink.user_timing",
  // For a closer look only (with --save-traces), e.g. "devtools.timeline" (which slows scripts).
  ...(process.env.BENCH_EXTRA_CATEGORIES?.split(",") ?? []),
];

/** The JS sampling interval of the page's profiler, in µs (tasks shorter than that may go unseen). */
export const SAMPLING_INTERVAL_US = Number(process.env.BENCH_SAMPLING_US ?? 250);

async function browserVersion(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  const session = await context.newCDPSession(page);
  const { product } = await session.send("Browser.getVersion");
  await session.detach();
  return product;
}

/** Launches Chromium with `extensionDir` alone; resolves to `{context, extensionId, close}`. */
export async function launchWithExtension(extensionDir) {
  const profile = mkdtempSync(join(tmpdir(), "context-cards-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [...ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 20_000 }));
  const extensionId = worker.url().split("/")[2];
  return {
    context,
    extensionId,
    version: await browserVersion(context),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Starts recording `page`: a trace of the browser (tasks, frames, marks) and, on the same
 * clock, a JS sampling profile of the page's renderer (DevTools' Profiler, which follows the
 * tab across the navigation). `stop()` resolves to `{events, profile}`.
 */
export async function startRecording(context, page) {
  const session = await context.newCDPSession(page);
  const events = [];
  session.on("Tracing.dataCollected", (message) => {
    for (const event of message.value) events.push(event);
  });
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: SAMPLING_INTERVAL_US });
  await session.send("Tracing.start", {
    transferMode: "ReportEvents",
    traceConfig: { recordMode: "recordAsMuchAsPossible", includedCategories: TRACE_CATEGORIES },
  });
  await session.send("Profiler.start");
  return {
    stop: async () => {
      const { profile } = await session.send("Profiler.stop");
      const complete = new Promise((done) => session.once("Tracing.tracingComplete", done));
      await session.send("Tracing.end");
      await complete;
      await session.detach().catch(() => {});
      return { events, profile };
    },
  };
}

// Runs in an extension page of our extension: asks every tab's content script (top frame)
// for its page summary and returns the one for `url`. No "tabs" permission is needed.
async function summaryFromTabs(url) {
  const tabs = await chrome.tabs.query({});
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    try {
      const summary = await chrome.tabs.sendMessage(
        tab.id,
        { type: "context-cards:page-summary" },
        { frameId: 0 },
      );
      if (summary?.url === url) return summary;
    } catch {
      // No content script there (this extension page, about:blank): try the next tab.
    }
  }
  return undefined;
}

/**
 * A background tab on one of the extension's own pages (`path`), from which the harness talks
 * to content scripts: it runs in its own process, not in the measured page's main thread.
 */
export async function openBridge(context, extensionId, path) {
  const bridge = await context.newPage();
  await bridge.goto(`chrome-extension://${extensionId}/${path}`, { waitUntil: "load" });
  return {
    /** Our content script's page summary for `page`, once it answers. */
    summaryOf: (page) => bridge.evaluate(summaryFromTabs, page.url()).catch(() => undefined),
    /** What a peer reported for `page` (see peers.mjs), once it has. */
    peerResultOf: (page) =>
      bridge.evaluate((url) => {
        // Taken once: a later visit of the same URL must not see this run's report.
        const result = globalThis.benchResults?.[url];
        delete globalThis.benchResults?.[url];
        return result;
      }, page.url()),
    close: () => bridge.close(),
  };
}
