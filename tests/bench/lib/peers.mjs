/**
 * The two peer extensions the benchmark compares ours with, generated at run time into
 * dist/bench/: each is a minimal MV3 extension with one `document_idle` content script, like ours.
 *  - bare-walk: visits roughly the text nodes we visit and reads their length — the floor any
 *    text scanner pays.
 *  - markjs: mark.js 8.11.1 `mark(array)` given every alias of our packs — a popular highlighter.
 * Each reports what it did (and its own performance.now() duration, as a cross-check) with one
 * runtime message to a "bridge" extension page the harness keeps open: the harness learns that
 * a peer finished without running anything in the page's main thread.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as esbuild from "esbuild";

/** Type of the message a peer sends when done. */
export const DONE_MESSAGE = "context-cards-bench:done";
/**
 * User Timing mark a peer sets as it starts: it pins the peer's task in the trace even when
 * the task is shorter than the profiler's sampling interval (a bare walk of a tiny page).
 */
export const START_MARK = "context-cards-bench:peer-start";

const PACKS = ["src/knowledge/article.json", "src/knowledge/more-players.json"];

/** Every alias of our bundled packs, split by case sensitivity (as our matcher treats them). */
export async function loadAliases(root) {
  const insensitive = new Set();
  const sensitive = new Set();
  for (const file of PACKS) {
    const pack = JSON.parse(await readFile(join(root, file), "utf8"));
    for (const entity of pack.entities) {
      for (const alias of entity.aliases) (alias.caseSensitive ? sensitive : insensitive).add(alias.text);
    }
  }
  return { insensitive: [...insensitive], sensitive: [...sensitive] };
}

function manifest(name) {
  return {
    manifest_version: 3,
    name: `Context Cards bench peer: ${name}`,
    version: "1.0.0",
    // An empty worker like ours, so all three variants are loaded the same way.
    background: { service_worker: "background.js" },
    content_scripts: [
      { matches: ["http://*/*", "https://*/*"], js: ["content.js"], run_at: "document_idle" },
    ],
  };
}

/** Reports `result` (plus the time since `started`) to the bridge page; shared by both peers. */
const REPORT_SOURCE = `function report(result, started) {
  chrome.runtime.sendMessage({
    type: ${JSON.stringify(DONE_MESSAGE)},
    url: location.href,
    result: { ...result, selfMs: performance.now() - started },
  });
}`;

// The bridge page keeps the peers' reports by page URL; the harness reads them from there.
const BRIDGE_HTML =
  '<!doctype html><meta charset="utf-8"><title>bench bridge</title><script src="bridge.js"></script>\n';
const BRIDGE_SOURCE = `globalThis.benchResults = {};
chrome.runtime.onMessage.addListener((message) => {
  if (message?.type === ${JSON.stringify(DONE_MESSAGE)}) globalThis.benchResults[message.url] = message.result;
});
`;

// Roughly what our readable-text walk visits: text nodes outside script, style, noscript,
// template and textarea (a text node's parent decides; template content is not in the tree).
// The test is in the loop, not in a NodeFilter: a filter is a call from C++ into JS per node,
// which costs several times the walk itself — a floor must not pay for it.
const BARE_WALK_SOURCE = `${REPORT_SOURCE}
(() => {
  performance.mark(${JSON.stringify(START_MARK)});
  const started = performance.now();
  const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA"]);
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (SKIPPED.has(node.parentNode?.nodeName)) continue;
    nodes++;
    chars += node.data.length;
  }
  report({ nodes, chars }, started);
})();
`;

/**
 * mark.js options, chosen to match what our matcher does (see mark.js's documented options):
 * - separateWordSearch: false — "Alibaba Group" is one name, not two words;
 * - accuracy "exactly" with punctuation limiters — whole words, as our Latin boundaries
 *   (with it, Chinese aliases match only when set off by spaces or punctuation, so mark.js
 *   finds fewer mentions in Chinese text than we do: that can only make it cheaper);
 * - diacritics: false — we do not fold diacritics; acrossElements: false — we match inside
 *   one text node; exclude noscript and textarea on top of mark.js's own script/style/head;
 * - caseSensitive per alias: two mark() calls, the case-sensitive aliases in the second.
 */
export const MARKJS_OPTIONS = {
  separateWordSearch: false,
  accuracy: {
    value: "exactly",
    limiters: [..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~¡¿，。、：；！？「」『』（）《》【】“”‘’…—"],
  },
  diacritics: false,
  acrossElements: false,
  exclude: ["noscript", "textarea"],
};

function markjsSource(aliases) {
  return `import Mark from "mark.js";
${REPORT_SOURCE}
performance.mark(${JSON.stringify(START_MARK)});
const started = performance.now();
const ALIASES = ${JSON.stringify(aliases)};
const OPTIONS = ${JSON.stringify(MARKJS_OPTIONS)};
const marker = new Mark(document.body ?? document.documentElement);
let marks = 0;
// mark() is synchronous without iframes; the second call runs from the first one's done().
marker.mark(ALIASES.insensitive, {
  ...OPTIONS,
  caseSensitive: false,
  done: (found) => {
    marks += found;
    marker.mark(ALIASES.sensitive, { ...OPTIONS, caseSensitive: true, done: (more) => { marks += more; report({ marks }, started); } });
  },
});
`;
}

async function writeExtension(dir, name, contentScript) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "manifest.json"), `${JSON.stringify(manifest(name), null, 2)}\n`);
  await writeFile(join(dir, "background.js"), "// Intentionally empty.\n");
  await writeFile(join(dir, "content.js"), contentScript);
  await writeFile(join(dir, "bridge.html"), BRIDGE_HTML);
  await writeFile(join(dir, "bridge.js"), BRIDGE_SOURCE);
}

/** Builds both peers under `outDir`; returns their directories and the alias count. */
export async function buildPeers(root, outDir) {
  const aliases = await loadAliases(root);
  const bareWalk = join(outDir, "bare-walk");
  await writeExtension(bareWalk, "bare walk", BARE_WALK_SOURCE);
  // Bundled like our content script: one classic-script IIFE, minified.
  const bundle = await esbuild.build({
    stdin: { contents: markjsSource(aliases), resolveDir: root, sourcefile: "markjs-peer.js" },
    bundle: true,
    format: "iife",
    minify: true,
    target: ["chrome120"],
    write: false,
    logLevel: "warning",
  });
  const markjs = join(outDir, "markjs");
  await writeExtension(markjs, "mark.js", bundle.outputFiles[0].text);
  return { bareWalk, markjs, aliasCount: aliases.insensitive.length + aliases.sensitive.length };
}
