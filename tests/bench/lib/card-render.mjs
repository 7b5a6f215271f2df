/**
 * Card render time: hover several highlighted names one after another, as a person would,
 * and read the extension's own User Timing measure of each card render (mount + Preact
 * render, recorded by src/content/card-host.ts) from the page's performance timeline.
 * Target: within one frame (16 ms) of hover intent firing.
 */
const MEASURE = "context-cards:card-render";

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

const durations = (name) => performance.getEntriesByName(name).map((e) => e.duration);

/** Hovers up to `count` names on `page` (Playwright) and returns the render times. */
export async function measureCardRenders(page, { count = 8 } = {}) {
  const seen = [];
  for (let i = 0; i < count; i++) {
    const at = await page.evaluate(mentionCentre, i);
    if (!at) break;
    await page.mouse.move(5, 5);
    await page.keyboard.press("Escape");
    const before = (await page.evaluate(durations, MEASURE)).length;
    await page.mouse.move(at.x - 4, at.y, { steps: 3 });
    await page.mouse.move(at.x, at.y, { steps: 2 });
    const deadline = Date.now() + 3000;
    let all = [];
    while (Date.now() < deadline) {
      all = await page.evaluate(durations, MEASURE);
      if (all.length > before) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    if (all.length > before) seen.push(all[before]);
  }
  const sorted = [...seen].sort((a, b) => a - b);
  return {
    renders: seen.length,
    medianMs: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : undefined,
    maxMs: sorted.length ? sorted[sorted.length - 1] : undefined,
    firstMs: seen[0],
  };
}
