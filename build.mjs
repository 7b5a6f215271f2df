// Builds Context Cards for Chromium and Firefox from one source tree.
//   node build.mjs           production: minified, external sourcemaps (kept out of the zips), zips
//   node build.mjs --watch   development: rebuild both unpacked builds on every change
//   node build.mjs --start   production build, then Chromium with the extension on the demo page
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { zipSync } from "fflate";

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, "dist");
const watch = process.argv.includes("--watch");
const start = process.argv.includes("--start");
const BROWSERS = ["chrome", "firefox"];

/**
 * Bundles. Every script runs as a classic script (service workers and content scripts need
 * that) but the card UI, an ES module the content script imports on first use.
 */
const entryPoints = {
  background: "src/background/index.ts",
  popup: "src/popup/index.tsx",
  options: "src/options/index.tsx",
  "popup-style": "src/popup/popup.css",
  "options-style": "src/options/options.css",
  "content-style": "src/content/content.css",
};
const STATIC_FILES = [
  ["src/popup/popup.html", "popup.html"],
  ["src/options/options.html", "options.html"],
];
// CSS entries are named *-style to keep them apart from the scripts; pages load them by these names.
const RENAMES = {
  "popup-style.css": "popup.css",
  "options-style.css": "options.css",
  "content-style.css": "content.css",
};

/** The per-browser manifest: each browser gets only the keys it understands. */
export function manifestFor(browserName, source) {
  const manifest = structuredClone(source);
  if (browserName === "chrome") {
    delete manifest.background.scripts;
    delete manifest.browser_specific_settings;
  } else {
    delete manifest.background.service_worker;
    delete manifest.minimum_chrome_version;
    // Firefox has no dynamic resource URLs (its moz-extension UUID is random per install anyway).
    for (const entry of manifest.web_accessible_resources ?? []) delete entry.use_dynamic_url;
  }
  return manifest;
}

/**
 * The knowledge packs as the content script needs them for spotting: names, kinds, aliases
 * and which entities are related. Facts, summaries, context notes and the timeline are
 * emptied, and relations keep only their type and target (the schema's shape is kept); the
 * card UI module, loaded on first hover, has them whole.
 */
export function stripPackForSpotting(pack) {
  return {
    ...pack,
    timeline: [],
    entities: pack.entities.map(({ context: _context, ...entity }) => ({
      ...entity,
      summary: "",
      facts: [],
      relations: (entity.relations ?? []).map(({ type, target }) => ({ type, target })),
    })),
  };
}

/**
 * Bundled JSON (the knowledge packs) becomes `JSON.parse("…")`: V8 parses a JSON string much
 * faster than it compiles the same data as an object literal, and this runs on every page.
 */
function jsonAsParse({ spotting = false } = {}) {
  return {
    name: "json-as-parse",
    setup(build) {
      build.onLoad({ filter: /\.json$/ }, async (args) => {
        let data = JSON.parse(await readFile(args.path, "utf8"));
        if (spotting && Array.isArray(data.entities)) data = stripPackForSpotting(data);
        const text = JSON.stringify(data);
        return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: "js" };
      });
    },
  };
}

/**
 * The content script's trie of the packs' names, made now rather than on every page: the
 * plugin puts it in place of src/knowledge/spotting-snapshot.ts (see that module).
 */
async function makeSpottingSnapshot() {
  const { exports, watchFiles } = await runAtBuildTime(`
    import { makeSpottingSnapshot } from "./src/knowledge/make-spotting-snapshot";
    import { BUNDLED_PACKS } from "./src/knowledge/bundled-packs";
    export const snapshot = makeSpottingSnapshot(BUNDLED_PACKS);`);
  return { snapshot: exports.snapshot, watchFiles };
}

/**
 * Bundles `contents` (TypeScript, from the repository's root) for Node with the packs as the
 * content script sees them, runs it, and returns its exports and the source files it read
 * (`--watch` rebuilds when one of them changes).
 */
async function runAtBuildTime(contents) {
  const result = await esbuild.build({
    stdin: {
      contents,
      resolveDir: root,
      loader: "ts",
    },
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    metafile: true,
    logLevel: "warning",
    plugins: [jsonAsParse({ spotting: true })],
  });
  const source = Buffer.from(result.outputFiles[0].contents).toString("base64");
  const exports = await import(`data:text/javascript;base64,${source}`);
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("<"));
  return { exports, watchFiles: inputs.map((file) => join(root, file)) };
}

/**
 * The page filter's source for every name of the packs, whatever kinds the user marks (see
 * src/core/page-filter-source.ts), made now rather than on every page: the plugin puts it in
 * place of src/knowledge/page-filter-snapshot.ts.
 */
function pageFilterSnapshot() {
  return {
    name: "page-filter-snapshot",
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]knowledge[\\/]page-filter-snapshot\.ts$/ }, async () => {
        const { exports, watchFiles } = await runAtBuildTime(`
          import { pageFilterSource } from "./src/core/page-filter-source";
          import { buildKnowledgeIndex } from "./src/core/knowledge-index";
          import { BUNDLED_PACKS } from "./src/knowledge/bundled-packs";
          export const source = pageFilterSource(buildKnowledgeIndex(BUNDLED_PACKS).aliasEntries);`);
        return {
          contents: `export const PAGE_FILTER_SOURCE = ${JSON.stringify(exports.source)};`,
          loader: "js",
          watchFiles,
        };
      });
    },
  };
}

/** Puts the snapshot made by makeSpottingSnapshot in place of src/knowledge/spotting-snapshot.ts. */
function spottingSnapshot() {
  return {
    name: "spotting-snapshot",
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]knowledge[\\/]spotting-snapshot\.ts$/ }, async () => {
        const { snapshot, watchFiles } = await makeSpottingSnapshot();
        const text = JSON.stringify(snapshot);
        return {
          contents: `export const SPOTTING_SNAPSHOT = JSON.parse(${JSON.stringify(text)});`,
          loader: "js",
          watchFiles,
        };
      });
    },
  };
}

const commonOptions = {
  absWorkingDir: root,
  outdir: "out",
  bundle: true,
  format: "iife",
  target: ["chrome120", "firefox142"],
  minify: !watch,
  sourcemap: watch ? "linked" : "external",
  legalComments: "none",
  charset: "utf8",
  write: false,
  logLevel: "warning",
  jsx: "automatic",
  jsxImportSource: "preact",
  loader: { ".png": "file" },
};

/** One esbuild run per kind of bundle; their outputs land side by side. */
const BUNDLES = [
  { ...commonOptions, entryPoints, plugins: [jsonAsParse()] },
  {
    // The content script's first stage, on every page (a classic script, see src/content/index.ts).
    ...commonOptions,
    entryPoints: { content: "src/content/index.ts" },
    plugins: [jsonAsParse({ spotting: true }), pageFilterSnapshot()],
    // The browser's own API object instead of the polyfill (see src/platform/browser.ts).
    define: { __NATIVE_BROWSER_API__: "true" },
    // V8's compile hint (Chrome 136+; others ignore it): compile every function at once with the
    // script rather than each on its first call. Nearly all of them run on every page, and one
    // pass over the script costs less than a parse for the script and another for each function.
    banner: { js: "//# allFunctionsCalledOnLoad" },
  },
  {
    // The app, on pages that may name someone (src/content/main.ts).
    ...commonOptions,
    entryPoints: { "content-main": "src/content/main.ts" },
    format: "esm",
    plugins: [jsonAsParse({ spotting: true }), spottingSnapshot()],
    define: { __NATIVE_BROWSER_API__: "true" },
    // V8's compile hint (Chrome 136+; others ignore it): compile every function of the module
    // eagerly, which for a streamed module happens off the page's main thread.
    banner: { js: "//# allFunctionsCalledOnLoad" },
  },
  {
    ...commonOptions,
    entryPoints: { "card-ui": "src/content/card-ui.ts" },
    format: "esm",
    plugins: [jsonAsParse()],
  },
];

async function writeBuild(outputFiles) {
  const source = JSON.parse(await readFile(join(root, "manifest.json"), "utf8"));
  for (const browserName of BROWSERS) {
    const dir = join(dist, browserName);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    for (const file of outputFiles) {
      let name = relative(join(root, "out"), file.path);
      const map = name.endsWith(".map");
      const base = map ? name.slice(0, -4) : name;
      if (RENAMES[base]) name = RENAMES[base] + (map ? ".map" : "");
      await writeFile(join(dir, name), file.contents);
    }
    for (const [from, to] of STATIC_FILES) await cp(join(root, from), join(dir, to));
    await cp(join(root, "assets/icons"), join(dir, "assets/icons"), { recursive: true });
    await cp(join(root, "assets/_locales"), join(dir, "_locales"), { recursive: true });
    const manifest = manifestFor(browserName, source);
    await writeFile(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

/** Store-ready zips: every built file but the sourcemaps, with fixed timestamps. */
async function writeZips() {
  const { readdir } = await import("node:fs/promises");
  for (const browserName of BROWSERS) {
    const dir = join(dist, browserName);
    const files = {};
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith(".map")) continue;
      const full = join(entry.parentPath, entry.name);
      files[relative(dir, full).split("\\").join("/")] = [
        new Uint8Array(await readFile(full)),
        { mtime: new Date("2026-01-01T00:00:00Z") },
      ];
    }
    const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
    await writeFile(join(dist, `context-cards-${browserName}.zip`), zipSync(sorted, { level: 9 }));
  }
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runDirectly && watch) {
  // Each bundle rebuilds on its own; the unpacked builds are written from the latest output of all.
  const latest = new Array(BUNDLES.length);
  // One write at a time: bundles finishing together must not delete each other's files.
  let writing = Promise.resolve();
  for (const [position, options] of BUNDLES.entries()) {
    const ctx = await esbuild.context({
      ...options,
      plugins: [
        ...options.plugins,
        {
          name: "write-both-browsers",
          setup(build) {
            build.onEnd(async (result) => {
              if (result.errors.length > 0) return;
              latest[position] = result.outputFiles;
              if (latest.includes(undefined)) return;
              writing = writing.then(async () => {
                await writeBuild(latest.flat());
                console.log(`[${new Date().toLocaleTimeString()}] built dist/chrome and dist/firefox`);
              });
              await writing;
            });
          },
        },
      ],
    });
    await ctx.watch();
  }
  console.log("Watching src/ … (Ctrl+C to stop). Reload the extension in the browser after a rebuild.");
} else if (runDirectly) {
  const results = await Promise.all(BUNDLES.map((options) => esbuild.build(options)));
  await writeBuild(results.flatMap((result) => result.outputFiles));
  await writeZips();
  console.log(
    "Built dist/chrome, dist/firefox, dist/context-cards-chrome.zip, dist/context-cards-firefox.zip",
  );
  if (start) await openDemo();
}

/** Serves the demo page on 127.0.0.1 and opens it in Chromium with dist/chrome loaded. */
async function openDemo() {
  const { createServer } = await import("node:http");
  const { existsSync } = await import("node:fs");
  const pages = join(root, "tests/fixtures/pages");
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const file = join(pages, path === "/" ? "demo.html" : path);
    if (!file.startsWith(pages) || !existsSync(file)) return res.writeHead(404).end("not found");
    res.writeHead(200, {
      "content-type": file.endsWith(".html") ? "text/html; charset=utf-8" : "text/plain",
    });
    res.end(await readFile(file));
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const executablePath =
    process.env.CHROMIUM_PATH ??
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));
  if (!executablePath) {
    console.log(
      `No Chromium found (set CHROMIUM_PATH). The demo page is at ${url}; load dist/chrome unpacked.`,
    );
    return;
  }
  const { chromium } = await import("playwright-core");
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const extension = join(dist, "chrome");
  const context = await chromium.launchPersistentContext(
    await mkdtemp(join(tmpdir(), "context-cards-demo-")),
    {
      executablePath,
      headless: !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY,
      viewport: null,
      args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, "--no-first-run"],
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  console.log(`Chromium is open on ${url} with Context Cards loaded. Close the window (or Ctrl+C) to stop.`);
  context.on("close", () => server.close());
}
