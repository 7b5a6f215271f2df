/**
 * Turns measurements into the per-page table and the summary block (Markdown, so it can be
 * pasted into a README as is).
 */
import { problemOf } from "./measure.mjs";

/** The median of the finite numbers in `values`, or NaN when there are none. */
export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `a / b` when both are usable, else NaN. */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN;
}

function fixed(value, digits = 1) {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}

function times(value) {
  return Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×` : "–";
}

function grouped(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "–";
}

/** A measurement's total, or NaN when it cannot be used (see `problemOf`). */
function usableMs(measurement) {
  return measurement && !problemOf(measurement) ? measurement.figures.totalMs : Number.NaN;
}

/** One row per page from the three variants' measurements (by page name). */
export function buildRows(pages, byVariant) {
  return pages.map((page, i) => {
    const ours = byVariant.ours?.[i];
    const bare = byVariant.bare?.[i];
    const markjs = byVariant.markjs?.[i];
    const oursMs = usableMs(ours);
    const bareMs = usableMs(bare);
    // Each content script's world creation, counted apart (rule 6 in trace.mjs).
    const oursWorldMs = ours?.figures?.worldMs ?? Number.NaN;
    const bareWorldMs = bare?.figures?.worldMs ?? Number.NaN;
    const markjsMs = usableMs(markjs);
    return {
      page: page.name,
      kb: page.bytes / 1024,
      textNodes: bare?.result?.nodes,
      oursMs,
      bareMs,
      markjsMs,
      oursOverBare: ratio(oursMs, bareMs),
      oursWorldMs,
      bareWorldMs,
      oursOverBareWithWorlds: ratio(oursMs + oursWorldMs, bareMs + bareWorldMs),
      // Where each first pass goes: compile, and the task that injects the script (see trace.mjs).
      oursCompileMs: ours?.figures?.compileMs ?? Number.NaN,
      bareCompileMs: bare?.figures?.compileMs ?? Number.NaN,
      oursInjectionMs: ours?.figures?.injectionMs ?? Number.NaN,
      bareInjectionMs: bare?.figures?.injectionMs ?? Number.NaN,
      markjsOverOurs: ratio(markjsMs, oursMs),
      longestMs: ours?.figures?.longestTaskMs,
      longestWallMs: ours?.figures?.longestTaskWallMs,
      mentions: ours?.result?.mentionCount,
      markjsMarks: markjs?.result?.marks,
      problems: [
        ["ours", ours],
        ["bare walk", bare],
        ["mark.js", markjs],
      ].flatMap(([name, m]) => (m && problemOf(m) ? [`${name}: ${problemOf(m)}`] : [])),
    };
  });
}

const COLUMNS = [
  ["page", (r) => r.page, "left"],
  ["KB", (r) => fixed(r.kb, 0)],
  ["text nodes", (r) => grouped(r.textNodes)],
  ["ours ms", (r) => fixed(r.oursMs)],
  ["bare ms", (r) => fixed(r.bareMs)],
  ["mark.js ms", (r) => fixed(r.markjsMs)],
  ["ours/bare", (r) => times(r.oursOverBare)],
  ["mark.js/ours", (r) => times(r.markjsOverOurs)],
  ["longest ms", (r) => fixed(r.longestMs)],
  ["mentions", (r) => (r.mentions === undefined ? "–" : String(r.mentions))],
];

/** The per-page table as aligned plain text. */
export function formatTable(rows) {
  const cells = rows.map((row) => COLUMNS.map(([, get]) => get(row)));
  const widths = COLUMNS.map(([title], c) => Math.max(title.length, ...cells.map((line) => line[c].length)));
  const pad = (text, c) => (COLUMNS[c][2] === "left" ? text.padEnd(widths[c]) : text.padStart(widths[c]));
  const lines = [COLUMNS.map(([title], c) => pad(title, c)).join("  ")];
  lines.push(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of cells) lines.push(line.map(pad).join("  "));
  return lines.join("\n");
}

/**
 * Medians of where each variant's first pass goes: compiling its scripts, the rest of the task
 * that injects its content script (the bare walk walks there), and its later tasks; over the
 * pages where both variants could be used.
 */
function partsOf(rows) {
  const usable = rows.filter((r) => Number.isFinite(r.oursMs) && Number.isFinite(r.bareMs));
  const partsFor = (total, compile, injection) => ({
    compileMs: median(usable.map((r) => r[compile])),
    injectionRestMs: median(usable.map((r) => r[injection] - r[compile])),
    laterMs: median(usable.map((r) => r[total] - r[injection])),
  });
  return {
    pages: usable.length,
    ours: partsFor("oursMs", "oursCompileMs", "oursInjectionMs"),
    bare: partsFor("bareMs", "bareCompileMs", "bareInjectionMs"),
  };
}

/** The figures of the summary, from the rows and the scenario results. */
export function summarize(rows) {
  const longest = rows.reduce(
    (best, row) => (Number.isFinite(row.longestMs) && row.longestMs > (best?.longestMs ?? -1) ? row : best),
    undefined,
  );
  const longestWall = rows.reduce(
    (best, row) =>
      Number.isFinite(row.longestWallMs) && row.longestWallMs > (best?.longestWallMs ?? -1) ? row : best,
    undefined,
  );
  return {
    pages: rows.length,
    medianOursOverBare: median(rows.map((r) => r.oursOverBare)),
    medianOursOverBareWithWorlds: median(rows.map((r) => r.oursOverBareWithWorlds)),
    medianOursWorldMs: median(rows.map((r) => r.oursWorldMs)),
    medianBareWorldMs: median(rows.map((r) => r.bareWorldMs)),
    medianMarkjsOverOurs: median(rows.map((r) => r.markjsOverOurs)),
    parts: partsOf(rows),
    medianOursMs: median(rows.map((r) => r.oursMs)),
    medianBareMs: median(rows.map((r) => r.bareMs)),
    medianMarkjsMs: median(rows.map((r) => r.markjsMs)),
    longest,
    longestWall,
    overBudget: rows.filter((r) => r.longestMs > 50).map((r) => r.page),
    mentions: rows.reduce((sum, r) => sum + (r.mentions ?? 0), 0),
  };
}

function partsLine(parts) {
  if (!parts || parts.pages === 0) return "–";
  const of = (p) => `${fixed(p.compileMs)} + ${fixed(p.injectionRestMs)} + ${fixed(p.laterMs)} ms`;
  return `ours ${of(parts.ours)}; bare walk ${of(parts.bare)}`;
}

function dynamicLine(dynamic) {
  if (!dynamic) return "not run";
  if (dynamic.error) return `failed: ${dynamic.error}`;
  const f = dynamic.figures;
  const outcome = dynamic.timedOut
    ? `NOT all highlighted within 30 s (${dynamic.highlightsAfter - dynamic.highlightsBefore} of ${dynamic.named})`
    : `highlighted after ${fixed(dynamic.highlightedAfterMs, 0)} ms (${dynamic.frames} frames)`;
  const cost = f
    ? `our main-thread time ${fixed(f.scriptMs)} ms in ${f.tasks} tasks, longest ${fixed(f.longestTaskMs)} ms`
    : "no trace of our script";
  return `${outcome}; ${cost}`;
}

function matcherLine(m) {
  if (!m) return "not run";
  if (m.error) return `failed: ${m.error}`;
  return (
    `findMentions over ${grouped(m.chars / 1024)} KB of corpus text, best of ${m.rounds}: ${fixed(m.scanBuiltInMs)} → ` +
    `${fixed(m.scanExtendedMs)} ms (${times(m.ratio)}); compile ${fixed(m.compileBuiltInMs, 2)} → ` +
    `${fixed(m.compileExtendedMs, 2)} ms (first, cold: ${fixed(m.coldCompileMs, 2)} ms)`
  );
}

/** The card-render row: the task that renders each card, from traces taken while hovering names. */
function cardRenderLine(card) {
  if (!card) return "not run";
  if (card.error || !card.renders) return `failed: ${card.error ?? "no card opened"}`;
  return `median ${fixed(card.medianMs)} ms, max ${fixed(card.maxMs)} ms over the ${card.renders - 1} cards after the first; first card (it loads the card module): longest task ${fixed(card.firstMs)} ms, ${fixed(card.firstTotalMs)} ms in all; target ≤ 16 ms`;
}

/**
 * The summary block: a Markdown table with a short header, ready for a README. `dynamic` is
 * the list of dynamic-scenario runs (undefined when skipped); the first one also carries the
 * card-render figures.
 */
export function formatSummary({ context, summary, dynamic, matcher }) {
  const s = summary;
  const longest = s.longest
    ? `${fixed(s.longest.longestMs)} ms CPU (${s.longest.page}); wall-clock max ${fixed(s.longestWall?.longestWallMs)} ms (${s.longestWall?.page}); target ≤ 50 ms`
    : "–";
  const rows = [
    [
      "median ours / bare walk",
      `${times(s.medianOursOverBare)} (medians: ours ${fixed(s.medianOursMs)} ms, bare walk ${fixed(s.medianBareMs)} ms)`,
    ],
    [
      "… each one's world creation counted too",
      `${times(s.medianOursOverBareWithWorlds)} (median world creation: ours ${fixed(s.medianOursWorldMs)} ms, bare walk ${fixed(s.medianBareWorldMs)} ms)`,
    ],
    ["where it goes (medians: compile, rest of the injecting task, later tasks)", partsLine(s.parts)],
    [
      "median mark.js / ours",
      `${times(s.medianMarkjsOverOurs)} (median mark.js ${fixed(s.medianMarkjsMs)} ms)`,
    ],
    ["longest task of ours", longest],
    ["pages over 50 ms (CPU)", s.overBudget.length === 0 ? "none" : s.overBudget.join(", ")],
    ...(dynamic ?? [undefined]).map((run) => [
      `dynamic: ${grouped(run?.count)} paragraphs (${run?.named ?? "–"} names) appended to ${run?.page ?? "–"}`,
      dynamicLine(run),
    ]),
    ["card render (the task that renders and places it, CPU)", cardRenderLine(dynamic?.[0]?.cardRender)],
    [
      `matcher: ${matcher?.builtInAliases ?? "–"} → ${grouped(matcher?.extendedAliases)} aliases (Node)`,
      matcherLine(matcher),
    ],
  ];
  return [
    `Context Cards benchmark — ${context.date}, ${context.browser} headless, ${context.cpus} CPUs, Node ${context.node}`,
    `${s.pages} pages from ${context.pagesLabel}; ${context.aliasCount} aliases; mentions found: ${s.mentions}.`,
    "Main-thread time of the first pass, from a trace: CPU time of the tasks each content script ran,",
    "plus the frames its changes caused (see tests/bench/README.md).",
    loadsLine(context),
    "",
    "| measure | result |",
    "|---|---|",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  ].join("\n");
}

/** How many loads and rounds each page's figures come from. */
function loadsLine(context) {
  const repeat = context.repeat ?? 1;
  const rounds = context.rounds ?? 1;
  const loads = repeat > 1 ? `the median of ${repeat} loads` : "one load";
  if (rounds > 1) {
    return `Ours and the bare walk: each page's median of ${rounds} rounds, each in fresh browsers (${loads} a round); mark.js: one load.`;
  }
  return repeat > 1
    ? `Each page's median of ${repeat} loads with ours and the bare walk; mark.js loads it once.`
    : "One load a page.";
}
