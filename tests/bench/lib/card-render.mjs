/**
 * Card render time, from the trace: hover several highlighted names one after another, as a
 * person would, each under its own recording. Once the hover delay (350 ms by default) has
 * passed, one task of ours renders the card (Preact, into its closed shadow root) and places
 * it, with the style and layout that forces; it is the longest task of ours in the recording
 * (the pointer's moves cost a fraction of a millisecond each), and its CPU time is the figure.
 * The first hover also loads the card module and renders a card hidden while the pointer
 * dwells: it is reported apart, as its longest task and its total. The extension sets no User
 * Timing of its own (a page's scripts, and the analytics they send home, would read it), so
 * the trace is the clock. Whether a card did open is read from CDP's DOM, which sees into
 * closed shadow roots. Target: within one frame (16 ms) of hover intent firing.
 */
import { startRecording } from "./browser.mjs";
import { attribute, markTime, sinceTracingStarted } from "./trace.mjs";

const HOVER_MARK = "context-cards-bench:hover";
// Longer than the default hover delay (350 ms) plus the card's frame.
const DWELL_MS = 900;

/** Runs in the page: the viewport centre of the i-th highlighted mention, scrolled into view. */
function mentionCentre(i) {
  const ranges = [...(CSS.highlights.get("context-cards") ?? [])];
  const range = ranges[i];
  if (!range) return null;
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  range.startContainer.parentElement?.scrollIntoView({ block: "center" });
  const rect = live.getBoundingClientRect();
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

/** True when CDP's pierced DOM shows the card's positioned box without `hidden`. */
async function cardShown(context, page) {
  const session = await context.newCDPSession(page);
  try {
    const { root } = await session.send("DOM.getDocument", { depth: -1, pierce: true });
    const find = (node, test) => {
      if (test(node)) return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child, test);
        if (found) return found;
      }
      return undefined;
    };
    const host = find(root, (node) => node.localName === "context-cards-ui");
    const attributesOf = (node) => {
      const pairs = new Map();
      for (let i = 0; i + 1 < (node.attributes ?? []).length; i += 2)
        pairs.set(node.attributes[i], node.attributes[i + 1]);
      return pairs;
    };
    const box = host?.shadowRoots?.[0]
      ? find(host.shadowRoots[0], (node) =>
          attributesOf(node).get("class")?.split(" ").includes("cc-card-position"),
        )
      : undefined;
    return box !== undefined && !attributesOf(box).has("hidden");
  } finally {
    await session.detach().catch(() => {});
  }
}

/**
 * Hovers up to `count` names on `page` (Playwright) in `browser` (from launchWithExtension)
 * and returns the render tasks' CPU times: median and max after the first card, and the first.
 */
export async function measureCardRenders(browser, page, { count = 8 } = {}) {
  const origin = `chrome-extension://${browser.extensionId}/`;
  const seen = [];
  let first;
  for (let i = 0; i < count; i++) {
    const at = await page.evaluate(mentionCentre, i);
    if (!at) break;
    await page.mouse.move(5, 5);
    await page.keyboard.press("Escape");
    await new Promise((done) => setTimeout(done, 200));
    const recording = await startRecording(browser.context, page);
    await page.evaluate((mark) => performance.mark(mark), HOVER_MARK);
    await page.mouse.move(at.x - 4, at.y, { steps: 3 });
    await page.mouse.move(at.x, at.y, { steps: 2 });
    await new Promise((done) => setTimeout(done, DWELL_MS));
    const { events, profile } = await recording.stop();
    if (!(await cardShown(browser.context, page))) continue;
    const since = sinceTracingStarted(events);
    const hovered = markTime(since, HOVER_MARK);
    const figures = hovered === undefined ? undefined : attribute(since, profile, origin, { from: hovered });
    if (!(figures?.longestTaskMs > 0)) continue;
    if (first === undefined) first = { longestMs: figures.longestTaskMs, totalMs: figures.scriptMs };
    else seen.push(figures.longestTaskMs);
  }
  const sorted = [...seen].sort((a, b) => a - b);
  return {
    renders: seen.length + (first ? 1 : 0),
    medianMs: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : undefined,
    maxMs: sorted.length ? sorted[sorted.length - 1] : undefined,
    firstMs: first?.longestMs,
    firstTotalMs: first?.totalMs,
  };
}
