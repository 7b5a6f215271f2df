/**
 * `npm run bench`: how much main-thread time Context Cards' first pass costs on real pages,
 * against a bare text walk and mark.js measured the same way in the same run, plus a
 * dynamic-page scenario and a matcher scale test. Prints figures; asserts nothing.
 *
 *   node tests/bench/bench.mjs [--pages N] [--page NAME …] [--variants ours,bare,markjs] [--rounds N]
 *                              [--repeat N] [--skip-dynamic] [--skip-matcher] [--extension DIR]
 *                              [--save-traces DIR]
 *
 * Method and caveats: tests/bench/README.md.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CHROMIUM_PATH } from "./lib/browser.mjs";
import { runDynamicScenario } from "./lib/dynamic.mjs";
import { loadSourceMap, topFunctions } from "./lib/hotspots.mjs";
import { runMatcherBench } from "./lib/matcher-bench.mjs";
import { makeVariants, medianMeasurement, runVariant } from "./lib/measure.mjs";
import { buildPeers } from "./lib/peers.mjs";
import { buildRows, formatSummary, formatTable, summarize } from "./lib/report.mjs";
import { startStaticServer } from "./lib/server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = resolve(ROOT, "../shared/corpus/pages");
const FIXTURES = join(ROOT, "tests/fixtures/pages");
const OUT = join(ROOT, "dist/bench");
// The dynamic scenario wants a large page; wikipedia-2.html has the most text of the corpus.
const DYNAMIC_CORPUS_PAGE = "wikipedia-2.html";
const DYNAMIC_FIXTURE_PAGE = "demo.html";
const DYNAMIC_COUNTS = [1000, 1001];
// Loads of each page with ours and the bare walk, of which the median counts (see `loadsOf`).
// One: our later loads of the same page cost less, the bare walk's do not (tests/bench/README.md).
const DEFAULT_REPEAT = 1;

/**
 * How many times `variant` loads each page: `repeat` for ours and the bare walk, whose ratio is
 * the target's; mark.js once (its tasks take seconds, and its ratio is far from its target).
 */
function loadsOf(variant, repeat) {
  return variant.key === "markjs" ? 1 : repeat;
}

/** The `--repeat` asked for, at least 1. */
function repeatOf(options) {
  return Math.max(1, Number(options.repeat) || 1);
}

// Rounds of ours and the bare walk, each in fresh browsers, alternating which goes first; a page's
// median round counts. One load a page per round: a later load of a page in the same browser
// costs ours less (see `DEFAULT_REPEAT`), a load in a fresh browser does not. Three rounds steady
// the median ratio, which moved by ±10 % between single runs of the same build.
const DEFAULT_ROUNDS = 3;

/** The `--rounds` asked for, at least 1. */
function roundsOf(options) {
  return Math.max(1, Number(options.rounds) || 1);
}

/**
 * How many rounds `variant` runs: `rounds` for ours and the bare walk; mark.js one (its tasks
 * take seconds, and its ratio is far from its target).
 */
function roundsFor(variant, rounds) {
  return variant.key === "markjs" ? 1 : rounds;
}

const USAGE = `Usage: node tests/bench/bench.mjs [options]   (npm run bench builds first)
  --pages N           only the first N pages (by name)
  --page NAME         only this page (repeatable), e.g. --page qq.html
  --variants LIST     comma-separated subset of ours,bare,markjs (default: all)
  --rounds N          rounds of ours and the bare walk, each in fresh browsers (alternating which
                      goes first), keeping each page's median round (default ${DEFAULT_ROUNDS}; mark.js: 1)
  --repeat N          load each page N times with ours and the bare walk, and keep the median
                      load (default 1; mark.js loads each page once)
  --skip-dynamic      skip the dynamic-page scenario
  --skip-matcher      skip the matcher micro-benchmark
  --extension DIR     our unpacked build (default: dist/chrome)
  --save-traces DIR   keep every trace there (load them in DevTools' Performance panel)`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      pages: { type: "string" },
      page: { type: "string", multiple: true },
      variants: { type: "string", default: "ours,bare,markjs" },
      repeat: { type: "string", default: String(DEFAULT_REPEAT) },
      rounds: { type: "string", default: String(DEFAULT_ROUNDS) },
      "skip-dynamic": { type: "boolean", default: false },
      "skip-matcher": { type: "boolean", default: false },
      extension: { type: "string", default: join(ROOT, "dist/chrome") },
      "save-traces": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  return values;
}

/** The pages to measure: the shared corpus when present, else our fixture pages. */
function selectPages(options) {
  const fromCorpus = existsSync(CORPUS);
  const dir = fromCorpus ? CORPUS : FIXTURES;
  let names = readdirSync(dir)
    .filter((name) => name.endsWith(".html"))
    .sort();
  if (options.page?.length) {
    const missing = options.page.filter((name) => !names.includes(name));
    if (missing.length > 0) throw new Error(`no such page in ${dir}: ${missing.join(", ")}`);
    names = options.page;
  }
  if (options.pages) names = names.slice(0, Math.max(1, Number(options.pages)));
  const pages = names.map((name) => ({ name, bytes: statSync(join(dir, name)).size, file: join(dir, name) }));
  const label = fromCorpus
    ? "the shared corpus (../shared/corpus/pages)"
    : "tests/fixtures/pages (the shared corpus is absent: ../shared/corpus/pages)";
  const dynamicName = fromCorpus ? DYNAMIC_CORPUS_PAGE : DYNAMIC_FIXTURE_PAGE;
  const dynamicPage = existsSync(join(dir, dynamicName)) ? dynamicName : names[0];
  return { dir, fromCorpus, pages, label, dynamicPage };
}

function progressLine(variant, index, total, page, m) {
  const f = m.figures;
  const what = m.timedOut
    ? "TIMED OUT"
    : !f
      ? "content script not seen in the trace"
      : `${f.totalMs.toFixed(1)} ms (script ${f.scriptMs.toFixed(1)} + render ${f.renderMs.toFixed(1)}), ` +
        `${f.tasks} tasks, longest ${f.longestTaskMs.toFixed(1)} ms` +
        // An upper bound, counted in the script time (see rule 5 in lib/trace.mjs).
        (f.loadingMs > 0 ? `, module loading ≤ ${f.loadingMs.toFixed(1)} ms` : "");
  const extra = m.result?.mentionCount ?? m.result?.marks ?? m.result?.nodes;
  const note = m.loadError ? ` [load: ${m.loadError}]` : "";
  return `[${variant.key} ${index + 1}/${total}] ${page.name}: ${what}${extra === undefined ? "" : ` · ${extra}`}${note}`;
}

/**
 * The dynamic scenario as asked (1,000 paragraphs), and once more with 1,001 — one past the
 * MutationQueue's default burst limit, where the whole page is rescanned instead.
 */
async function runDynamicScenarios(browser, bridge, server, pageName, traceDir) {
  const results = [];
  for (const count of DYNAMIC_COUNTS) {
    console.log(`== dynamic page: ${count} paragraphs appended to ${pageName}`);
    // A query string keeps each run's page URL distinct for the bridge.
    const url = `${server.origin}/${encodeURIComponent(pageName)}?paragraphs=${count}`;
    results.push({
      // Cards are hovered once, on the first run.
      ...(await runDynamicScenario(browser, bridge, url, {
        count,
        traceDir,
        cardRenders: results.length === 0,
      })),
      page: pageName,
    });
  }
  return results;
}

async function runBrowserPart(options, selection, peers, server) {
  const wanted = new Set(options.variants.split(","));
  const variants = makeVariants({ ourExtension: resolve(options.extension), peers }).filter((v) =>
    wanted.has(v.key),
  );
  const urls = selection.pages.map((page) => `${server.origin}/${encodeURIComponent(page.name)}`);
  const traceDir = options["save-traces"] ? resolve(options["save-traces"]) : undefined;
  const byVariant = {};
  let dynamic;
  let browserVersion = "Chromium";
  const rounds = roundsOf(options);
  // Per variant, each round's measurements (an array by page).
  const roundsBy = {};
  for (let round = 0; round < rounds; round++) {
    // Alternating which variant goes first, so neither always meets the machine in the same state.
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      if (round >= roundsFor(variant, rounds)) continue;
      const started = Date.now();
      const roundLabel = rounds > 1 ? `, round ${round + 1} of ${roundsFor(variant, rounds)}` : "";
      console.log(`\n== ${variant.label}: ${urls.length} pages, one browser${roundLabel}`);
      // The dynamic scenario once, with ours's first round.
      const afterPages =
        variant.key === "ours" && round === 0 && !options["skip-dynamic"]
          ? (browser, bridge) => runDynamicScenarios(browser, bridge, server, selection.dynamicPage, traceDir)
          : undefined;
      const outcome = await runVariant(variant, urls, {
        onPage: (i, m) => console.log(progressLine(variant, i, urls.length, selection.pages[i], m)),
        afterPages,
        traceDir,
        repeat: loadsOf(variant, repeatOf(options)),
      });
      roundsBy[variant.key] ??= [];
      roundsBy[variant.key].push(outcome.measurements);
      browserVersion = outcome.browserVersion ?? browserVersion;
      if (outcome.extra) dynamic = outcome.extra;
      console.log(`   ${variant.label} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  for (const [key, measured] of Object.entries(roundsBy)) {
    byVariant[key] =
      measured.length === 1
        ? measured[0]
        : urls.map((_, page) => ({
            ...medianMeasurement(measured.map((round) => round[page])),
            rounds: measured.length,
            roundTotalsMs: measured.map((round) => round[page].figures?.totalMs),
          }));
  }
  return { byVariant, dynamic, browserVersion };
}

/** Prints where our content script's time went, over all pages; returns the list. */
function printHotspots(measurements, extensionDir) {
  if (!measurements) return undefined;
  const lookup = loadSourceMap(resolve(extensionDir));
  const hot = topFunctions(
    measurements.map((m) => m.functions),
    lookup,
  );
  if (hot.length === 0) return hot;
  console.log("\nWhere our content script's time goes (JS samples of the same traces, all pages; a DOM");
  console.log("call counts for the function that makes it):");
  for (const { ms, share, where } of hot) {
    console.log(`  ${ms.toFixed(0).padStart(6)} ms ${`${(share * 100).toFixed(0)}%`.padStart(4)}  ${where}`);
  }
  return hot;
}

async function main() {
  const options = parseOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const startedAt = Date.now();
  const selection = selectPages(options);
  if (!selection.fromCorpus) console.log(`NOTE: ${selection.label}: using the project's fixture pages.`);
  if (!CHROMIUM_PATH) throw new Error("no Chromium found: install it or set CHROMIUM_PATH");
  if (!existsSync(join(resolve(options.extension), "manifest.json"))) {
    throw new Error(`no build at ${options.extension}: run \`node build.mjs\` first (npm run bench does)`);
  }
  const peers = await buildPeers(ROOT, OUT);
  console.log(`Pages: ${selection.pages.length} from ${selection.label}. Peers built in dist/bench/.`);

  const server = await startStaticServer(selection.dir);
  let browserPart;
  try {
    browserPart = await runBrowserPart(options, selection, peers, server);
  } finally {
    await server.close();
  }

  let matcher;
  if (!options["skip-matcher"]) {
    console.log("\n== Matcher micro-benchmark (Node)");
    matcher = await runMatcherBench(
      ROOT,
      selection.pages.map((page) => page.file),
    ).catch((error) => ({ error: String(error?.message ?? error) }));
  }

  const rows = buildRows(selection.pages, browserPart.byVariant);
  const summary = summarize(rows);
  const context = {
    date: new Date().toISOString().slice(0, 10),
    browser: browserPart.browserVersion.replace("HeadlessChrome", "Chromium").replace("Chrome/", "Chromium "),
    cpus: availableParallelism(),
    node: process.versions.node,
    pagesLabel: selection.label,
    aliasCount: peers.aliasCount,
    repeat: repeatOf(options),
    rounds: roundsOf(options),
  };
  console.log(`\n${formatTable(rows)}`);
  const problems = rows.filter((r) => r.problems.length > 0);
  for (const row of problems) console.log(`! ${row.page}: ${row.problems.join(", ")}`);
  const hot = printHotspots(browserPart.byVariant.ours, options.extension);

  await mkdir(OUT, { recursive: true });
  const resultsFile = join(OUT, "results.json");
  await writeFile(
    resultsFile,
    `${JSON.stringify({ context, summary, rows, hot, dynamic: browserPart.dynamic, matcher, raw: browserPart.byVariant }, null, 2)}\n`,
  );
  console.log(`\nAll figures, per variant and page: ${resultsFile}`);
  console.log(`Total time: ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`);
  console.log("---- summary ----");
  console.log(formatSummary({ context, summary, dynamic: browserPart.dynamic, matcher }));
  console.log("-----------------");
}

main().catch((error) => {
  console.error(`bench failed: ${error?.stack ?? error}`);
  process.exit(1);
});
