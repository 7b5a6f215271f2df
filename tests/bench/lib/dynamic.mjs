/**
 * The dynamic-page scenario: once our first pass is done, the page appends 1,000 paragraphs in
 * one go (some holding names); we measure, from the page's main world, how long until the new
 * names are in our highlight (the registry is shared with the page), and from the trace how
 * much main-thread time our content script spent on them.
 */
import { startRecording } from "./browser.mjs";
import { measureCardRenders } from "./card-render.mjs";
import { pollUntil, saveTrace } from "./measure.mjs";
import { attribute, markTime, sinceTracingStarted } from "./trace.mjs";

const START_MARK = "context-cards-bench:dynamic-start";
const END_MARK = "context-cards-bench:dynamic-end";
// Unambiguous names only, so each inserted name is painted without needing page context.
const NAMES = ["DeepSeek", "Alibaba", "Tencent", "ByteDance", "百度", "Moonshot AI", "月之暗面", "Zhipu AI"];
const SETTLE_MS = 300;

/**
 * Runs in the page's main world: appends `count` paragraphs (every `namedEvery`-th names one
 * player) to <body> in one call, then checks on every frame until our highlight holds
 * `expected` more ranges. Frames are when highlights can show, so that is the honest clock.
 */
async function appendAndWait({ count, namedEvery, names, timeoutMs, startMark, endMark }) {
  const size = () => CSS.highlights.get("context-cards")?.size ?? 0;
  const before = size();
  const paragraphs = [];
  let expected = 0;
  for (let i = 0; i < count; i++) {
    const p = document.createElement("p");
    if (i % namedEvery === 0) {
      p.textContent = `Update ${i}: analysts compared ${names[expected % names.length]} with its rivals again.`;
      expected++;
    } else {
      p.textContent = `Update ${i}: ordinary filler about markets, weather and the week ahead.`;
    }
    paragraphs.push(p);
  }
  performance.mark(startMark);
  const started = performance.now();
  document.body.append(...paragraphs);
  let frames = 0;
  return new Promise((resolve) => {
    const check = () => {
      frames++;
      const elapsed = performance.now() - started;
      const done = size() >= before + expected;
      if (done || elapsed > timeoutMs) {
        performance.mark(endMark);
        resolve({ before, after: size(), expected, ms: elapsed, frames, timedOut: !done });
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  });
}

/** Runs the scenario on `url` in our extension's browser (see measure.mjs `afterPages`). */
export async function runDynamicScenario(
  browser,
  bridge,
  url,
  // cardRenders: also hover a few names first and time each card's render (card-render.mjs).
  { count = 1000, namedEvery = 4, traceDir, cardRenders = true } = {},
) {
  const page = await browser.context.newPage();
  try {
    await page.goto(url, { waitUntil: "load", timeout: 30_000 });
    const first = await pollUntil(async () => {
      const summary = await bridge.summaryOf(page);
      return summary?.scanned ? summary : undefined;
    }, 60_000);
    if (!first) return { url, error: "the first pass did not finish within 60 s" };
    let cardRender;
    if (cardRenders) {
      cardRender = await measureCardRenders(browser, page).catch((error) => ({ error: String(error) }));
      await page.mouse.move(5, 5);
      await page.keyboard.press("Escape");
    }
    // Let the first pass's last frame go by, so the trace holds only the new work.
    await new Promise((done) => setTimeout(done, 500));
    const recording = await startRecording(browser.context, page);
    const outcome = await page.evaluate(appendAndWait, {
      count,
      namedEvery,
      names: NAMES,
      timeoutMs: 30_000,
      startMark: START_MARK,
      endMark: END_MARK,
    });
    await new Promise((done) => setTimeout(done, SETTLE_MS));
    const recorded = await recording.stop();
    const events = sinceTracingStarted(recorded.events);
    const { profile } = recorded;
    await saveTrace(traceDir, `dynamic-${count}-${new URL(url).pathname.slice(1)}`, { events, profile });
    const origin = `chrome-extension://${browser.extensionId}/`;
    const from = markTime(events, START_MARK);
    // Without the start mark the window is unknown: report no figures rather than wrong ones.
    // Frames are not counted: the page's own 1,000 paragraphs need layout in the same frames.
    const figures =
      from === undefined ? undefined : attribute(events, profile, origin, { from, changedPage: false });
    const after = await bridge.summaryOf(page);
    // A page without names of its own has something to hover only after the append.
    if (cardRenders && !(cardRender?.renders > 0)) {
      cardRender = await measureCardRenders(browser, page).catch((error) => ({ error: String(error) }));
    }
    return {
      url,
      count,
      named: outcome.expected,
      highlightedAfterMs: outcome.ms,
      frames: outcome.frames,
      timedOut: outcome.timedOut,
      highlightsBefore: outcome.before,
      highlightsAfter: outcome.after,
      mentionsBefore: first.mentionCount,
      mentionsAfter: after?.mentionCount,
      figures,
      cardRender,
    };
  } finally {
    await page.close().catch(() => {});
  }
}
