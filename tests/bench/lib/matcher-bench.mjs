/**
 * Matcher micro-benchmark, in Node (no browser): does the cost of `findMentions` stay flat
 * when a user adds thousands of names? The TypeScript sources are bundled with esbuild into a
 * temporary module and imported, so this measures the code as it is now.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const ENTRY = `
export { compileMatcher } from "./src/core/matcher";
export { buildKnowledgeIndex } from "./src/core/knowledge-index";
export { makeSyntheticAliasEntries } from "./src/core/synthetic-aliases";
export { BUNDLED_PACKS } from "./src/knowledge/bundled-packs";
`;

/** Imports the matcher and its helpers, freshly bundled from `root`/src. */
async function importMatcher(root) {
  const result = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: "matcher-bench-entry.ts", loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "warning",
  });
  const dir = await mkdtemp(join(tmpdir(), "context-cards-matcher-"));
  const file = join(dir, "matcher.mjs");
  await writeFile(file, result.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The readable text of a saved page, roughly, as the strings the content script would see:
 * one per text run between tags, without scripts, styles, comments and the head.
 */
export function textRuns(html) {
  const body = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<head[\s>][\s\S]*?<\/head>/i, " ")
    .replace(/<(script|style|noscript|template|textarea|svg|math)[\s>][\s\S]*?<\/\1>/gi, " ");
  const runs = [];
  for (const run of body.split(/<[^>]*>/)) {
    if (/\S/.test(run)) runs.push(decodeEntities(run));
  }
  return runs;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeIt(fn) {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

function scanAll(matcher, runs) {
  let mentions = 0;
  for (const run of runs) mentions += matcher.findMentions(run).length;
  return mentions;
}

/**
 * Times compiling and scanning with the built-in aliases and with `syntheticCount` made-up
 * names added, best of `rounds`. Rounds alternate between the two matchers so drift hits
 * both alike.
 */
export async function runMatcherBench(root, htmlFiles, { syntheticCount = 5000, rounds = 11 } = {}) {
  const lib = await importMatcher(root);
  const runs = [];
  let chars = 0;
  for (const file of htmlFiles) {
    for (const run of textRuns(await readFile(file, "utf8"))) {
      runs.push(run);
      chars += run.length;
    }
  }
  const index = lib.buildKnowledgeIndex(lib.BUNDLED_PACKS);
  const builtIn = index.aliasEntries;
  const extended = [...builtIn, ...lib.makeSyntheticAliasEntries(syntheticCount)];

  // The first compile runs on a cold JIT, as in a fresh page; later ones are warm.
  const coldCompile = timeIt(() => lib.compileMatcher(builtIn)).ms;
  const compileBuiltIn = [];
  const compileExtended = [];
  let small;
  let large;
  for (let i = 0; i < rounds; i++) {
    const a = timeIt(() => lib.compileMatcher(builtIn));
    const b = timeIt(() => lib.compileMatcher(extended));
    compileBuiltIn.push(a.ms);
    compileExtended.push(b.ms);
    small = a.value;
    large = b.value;
  }

  // One warm-up pass each, then alternating timed passes.
  const mentionsBuiltIn = scanAll(small, runs);
  const mentionsExtended = scanAll(large, runs);
  const scanBuiltIn = [];
  const scanExtended = [];
  for (let i = 0; i < rounds; i++) {
    scanBuiltIn.push(timeIt(() => scanAll(small, runs)).ms);
    scanExtended.push(timeIt(() => scanAll(large, runs)).ms);
  }
  // The best round is the one least disturbed by other processes (a shared machine's load
  // slows every round by a different amount); medians are kept alongside.
  const builtInMs = Math.min(...scanBuiltIn);
  const extendedMs = Math.min(...scanExtended);
  return {
    rounds,
    pages: htmlFiles.length,
    runs: runs.length,
    chars,
    builtInAliases: small.aliasCount,
    extendedAliases: large.aliasCount,
    coldCompileMs: coldCompile,
    compileBuiltInMs: Math.min(...compileBuiltIn),
    compileExtendedMs: Math.min(...compileExtended),
    medians: {
      scanBuiltInMs: median(scanBuiltIn),
      scanExtendedMs: median(scanExtended),
      compileBuiltInMs: median(compileBuiltIn),
      compileExtendedMs: median(compileExtended),
    },
    scanBuiltInMs: builtInMs,
    scanExtendedMs: extendedMs,
    ratio: extendedMs / builtInMs,
    mentionsBuiltIn,
    mentionsExtended,
  };
}
